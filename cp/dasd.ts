// Giving a virtual machine its minidisks: the owner's own at logon (at the
// directory's mode), the directory's LINK statements, the LINK command, and
// T-disks (DEFINE T3370). Every check LINK makes is here, in the order CP
// makes them, each failure with its DMKLNK message (cp/messages.ts), so that
// logon and the command answer alike. Releasing a link (DETACH, LOGOFF)
// frees the disk for the next writer.

import type { LinkMode, MinidiskDefinition } from './directory.js';
import { formatVaddr } from './directory.js';
import { openMinidisk, temporaryDisk, type VolumeSet } from './minidisk.js';
import { checkLinkPassword, passwordKind, type LinkRegistry } from './minidisk-links.js';
import type { CpMessageKey } from './messages.js';
import type { Directory } from './directory.js';
import type { VirtualMachine } from './virtual-machine.js';

/** What linking needs of CP. */
export interface DasdServices {
  readonly directory: Directory;
  readonly volumes: VolumeSet;
  readonly links: LinkRegistry;
}

export interface LinkRequest {
  readonly owner: string;
  readonly diskVaddr: number;
  readonly asVaddr: number;
  readonly mode: LinkMode;
  readonly password?: string;
  /** A directory LINK or the owner's own MDISK at logon: no password is asked. */
  readonly fromDirectory: boolean;
}

export type LinkResult =
  | { readonly kind: 'linked'; readonly write: boolean }
  | { readonly kind: 'password'; readonly which: 'READ' | 'WRITE' | 'MULT' }
  | { readonly kind: 'failed' };

/** Where LINK's messages go. */
export type LinkReporter = (key: CpMessageKey, ...args: string[]) => void;

export function linkMinidisk(
  services: DasdServices,
  userid: string,
  vm: VirtualMachine,
  request: LinkRequest,
  report: LinkReporter,
): LinkResult {
  const { owner, diskVaddr, asVaddr, mode } = request;
  const ownerText = owner;
  const vaddrText = formatVaddr(diskVaddr);
  const entry = services.directory.entries.get(owner);
  if (!entry) {
    report('linkUserNotInDirectory', owner);
    return { kind: 'failed' };
  }
  const def = entry.minidisks.find((d) => d.vaddr === diskVaddr);
  if (!def || (def.temporary && owner !== userid)) {
    report('notLinkedNoDisk', ownerText, vaddrText);
    return { kind: 'failed' };
  }
  if (vm.devices.has(asVaddr)) {
    report('notLinkedAlreadyDefined', ownerText, vaddrText, formatVaddr(asVaddr));
    return { kind: 'failed' };
  }
  // OPTION LNKNOPAS (VM/370 directory OPTION statement): this user links
  // without passwords, as the CMSBATCH machine must to run a user's job.
  const noPasswords = services.directory.entries.get(userid)?.options.has('LNKNOPAS') ?? false;
  if (owner !== userid && !request.fromDirectory && !noPasswords) {
    const check = checkLinkPassword(def, mode, request.password);
    if (check === 'none-defined') {
      report('notLinkedNoPassword', ownerText, vaddrText, passwordKind(mode));
      return { kind: 'failed' };
    }
    if (check === 'missing') return { kind: 'password', which: passwordKind(mode) };
    if (check === 'incorrect') {
      report('notLinkedPasswordIncorrect', ownerText, vaddrText);
      return { kind: 'failed' };
    }
  }
  if (def.temporary) return defineTemporary(vm, userid, def, asVaddr, report) ? linked(true) : { kind: 'failed' };
  const minidisk = openMinidisk(services.volumes, owner, def);
  if (!minidisk) {
    report('notLinkedNotMounted', ownerText, vaddrText, def.volser);
    return { kind: 'failed' };
  }
  const outcome = services.links.grant(owner, diskVaddr, userid, asVaddr, mode);
  if (!outcome.ok) {
    if (outcome.writer) report('notLinkedWriter', ownerText, vaddrText, outcome.writer);
    else report('notLinkedReaders', ownerText, vaddrText, String(outcome.readers).padStart(3, '0'));
    return { kind: 'failed' };
  }
  if (outcome.forced) {
    if (outcome.forced.writer) report('forcedRoByWriter', formatVaddr(asVaddr), outcome.forced.writer);
    else report('forcedRoByReaders', formatVaddr(asVaddr), String(outcome.forced.readers).padStart(3, '0'));
  }
  vm.attachDasd(asVaddr, { minidisk, readOnly: !outcome.write, temporary: false });
  return linked(outcome.write);
}

const linked = (write: boolean): LinkResult => ({ kind: 'linked', write });

/** A T-disk at `asVaddr` (the directory's MDISK ... T-DISK, or DEFINE T3370). */
export function defineTemporary(
  vm: VirtualMachine,
  userid: string,
  def: MinidiskDefinition,
  asVaddr: number,
  report: LinkReporter,
): boolean {
  const disk = temporaryDisk(userid, def);
  if (!disk) {
    report('tdiskSpaceNotAvailable', formatVaddr(asVaddr));
    return false;
  }
  vm.attachDasd(asVaddr, { minidisk: disk, readOnly: false, temporary: true });
  return true;
}

/** DETACH or LOGOFF of a DASD device: the link is released. */
export function releaseDasd(services: DasdServices, userid: string, vm: VirtualMachine, vaddr: number): boolean {
  const dev = vm.devices.get(vaddr);
  if (!dev?.dasd) return false;
  vm.detach(vaddr);
  if (!dev.dasd.temporary) services.links.release(dev.dasd.minidisk.owner, dev.dasd.minidisk.vaddr, userid, vaddr);
  return true;
}

/** At logon: the user's own minidisks at their directory modes, T-disks, then the directory's LINKs. */
export function attachDirectoryDisks(
  services: DasdServices,
  userid: string,
  vm: VirtualMachine,
  report: LinkReporter,
): void {
  const entry = services.directory.entries.get(userid);
  if (!entry) return;
  for (const def of entry.minidisks) {
    linkMinidisk(
      services,
      userid,
      vm,
      { owner: userid, diskVaddr: def.vaddr, asVaddr: def.vaddr, mode: def.mode, fromDirectory: true },
      report,
    );
  }
  for (const link of entry.links) {
    linkMinidisk(
      services,
      userid,
      vm,
      { owner: link.userid, diskVaddr: link.vaddr, asVaddr: link.asVaddr, mode: link.mode, fromDirectory: true },
      report,
    );
  }
}
