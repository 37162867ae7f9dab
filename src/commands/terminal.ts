// `vmcms serve` (headless TN3270 server) and `vmcms start` (the blessed UI
// with the TN3270 server alongside): both bring up the system (CP with CMS
// as the named system `CMS`) on the data directory. `--demo` runs the
// terminal layer's echo host instead, for trying a 3270 client alone.

import type { Command } from 'commander';
import { cmsSystem } from '../../cms/index.js';
import { DirectoryError } from '../../cp/directory.js';
import { CpMonitor } from '../../cp/monitor.js';
import { runEchoHost } from '../demo/echo-host.js';
import { DataDirectoryInUseError } from '../lock.js';
import { startSystem, type RunningSystem } from '../system.js';
import { Tn3270Server } from '../../terminal/tn3270-server.js';
import { runTerminalUi, type TerminalUi } from '../../terminal/ui/terminal-ui.js';
import type { ModelNumber } from '../../terminal/model.js';
import type { SessionHandler } from '../../terminal/session.js';

interface ServeOptions {
  port: string;
  host: string;
  data: string;
  quiet?: boolean;
  demo?: boolean;
  /** The system printer also writes green-bar PDFs. */
  pdf?: boolean;
  /** commander's --no-batch: do not log CMSBATCH on at start. */
  batch?: boolean;
}

/** Bring the system up on the data directory, or say clearly why not and exit 2. */
function startOrExit(options: ServeOptions, log?: (m: string) => void): RunningSystem {
  try {
    return startSystem({
      dataDir: options.data,
      namedSystems: [cmsSystem],
      log,
      printerPdf: options.pdf === true,
      autolog: options.batch === false ? [] : ['CMSBATCH'],
    });
  } catch (err) {
    if (err instanceof DataDirectoryInUseError) console.error(`vmcms: ${err.message}`);
    else if (err instanceof DirectoryError) console.error(`vmcms: the user directory has errors:\n${err.message}`);
    else console.error(`vmcms: cannot start the system on ${options.data}: ${(err as Error).message}`);
    process.exit(2);
  }
}

interface StartOptions extends ServeOptions {
  model: string;
}

/** Registers `serve` and `start`. */
export function registerTerminal(program: Command): void {
  program
    .command('serve')
    .description('run the system headless with its TN3270 server (until SIGTERM)')
    .option('--port <port>', 'TCP port for TN3270 clients (0 picks a free one)', '3270')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'data directory', './vmcms-data')
    .option('--quiet', 'do not log sessions and operator messages')
    .option('--demo', 'run the 3270 echo demo instead of the system')
    .option('--pdf', 'the system printer also writes green-bar PDFs')
    .option('--no-batch', 'do not log CMSBATCH on at start')
    .action(async (options: ServeOptions) => {
      const log = options.quiet ? undefined : (m: string) => console.log(`vmcms: ${m}`);
      const system = options.demo ? null : startOrExit(options, log);
      const server = await listenOrExit(
        options,
        system ? system.handleSession : (session) => runEchoHost(session, { log }),
        log,
      );
      const { host, port } = server.address;
      system?.listening(host, port);
      console.log(`vmcms: TN3270 server listening on ${host}:${port}`);
      let stopping = false;
      const stop = async (why: string): Promise<void> => {
        if (stopping) return;
        stopping = true;
        console.log(`vmcms: ${why}: closing ${server.sessions.length} session(s)`);
        await system?.shutdown();
        await server.close(`system shutting down (${why})`);
        process.exit(0);
      };
      void system?.whenShutdown.then(() => stop('SHUTDOWN'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });

  program
    .command('start')
    .description('start the system in the blessed text UI, with the TN3270 server alongside')
    .option('--port <port>', 'TCP port for TN3270 clients (0 picks a free one)', '3270')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'data directory', './vmcms-data')
    .option('--model <n>', '3270 model of the local sessions (2-5)', '2')
    .option('--demo', 'run the 3270 echo demo instead of the system')
    .option('--pdf', 'the system printer also writes green-bar PDFs')
    .option('--no-batch', 'do not log CMSBATCH on at start')
    .action(async (options: StartOptions) => {
      const model = Number(options.model);
      if (![2, 3, 4, 5].includes(model)) {
        console.error(`vmcms: --model must be 2, 3, 4 or 5, not ${options.model}`);
        process.exit(2);
      }
      // The operator console lines go to system.log, not over the full-screen UI.
      const system = options.demo ? null : startOrExit(options);
      const host: SessionHandler = system ? system.handleSession : (session) => runEchoHost(session);
      let ui: TerminalUi | null = null;
      const server = await listenOrExit(options, (session) => {
        // the status line counts the TN3270 sessions: redraw when one comes or goes
        session.onEnd(() => setImmediate(() => ui?.refresh()));
        host(session);
        ui?.refresh();
      });
      system?.listening(server.address.host, server.address.port);
      ui = runTerminalUi({
        onSession: host,
        model: model as ModelNumber,
        listening: `${server.address.host}:${server.address.port}`,
        remoteSessions: () => server.sessions,
        systemMonitor: system ? new CpMonitor(system.cp) : undefined,
      });
      const quit = ui.whenQuit;
      await Promise.race([quit, system?.whenShutdown ?? new Promise(() => undefined)]);
      ui.quit();
      await system?.shutdown();
      await server.close('system shutting down');
      process.exit(0);
    });
}

/** Start the server, or say clearly why not and exit 2. */
async function listenOrExit(
  options: ServeOptions,
  onSession: SessionHandler,
  log?: (m: string) => void,
): Promise<Tn3270Server> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`vmcms: --port must be a TCP port number (0-65535), not ${options.port}`);
    process.exit(2);
  }
  const server = new Tn3270Server({ host: options.host, port, onSession, log });
  try {
    await server.listen();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(`vmcms: port ${port} on ${options.host} is already in use; choose another with --port`);
    } else if (code === 'EACCES') {
      console.error(`vmcms: not allowed to listen on ${options.host}:${port}; choose a port above 1023 with --port`);
    } else {
      console.error(`vmcms: cannot listen on ${options.host}:${port}: ${(err as Error).message}`);
    }
    process.exit(2);
  }
  return server;
}
