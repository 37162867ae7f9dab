// A logged-on user's SET and TERMINAL options (../shared/reference/cp.md
// sections 3.2 and 3.3), with their defaults at logon.

import type { EmsgSetting } from './messages.js';

export interface PfKey {
  readonly immediate: boolean;
  readonly text: string;
}

export class UserSettings {
  msg = true;
  wng = true;
  emsg: EmsgSetting = 'ON';
  imsg = true;
  smsg = false;
  run = false;
  acnt = true;
  linedit = true;
  readonly pf = new Map<number, PfKey>();
}

export class TerminalSettings {
  /** LINEND character; null when OFF. */
  linend: string | null = '#';
  linedel: string | null = '¢';
  chardel: string | null = '@';
  escape: string | null = '"';
  linesize = 80;
  /** TERMINAL MORE n1 n2 (seconds). */
  moreFirst = 50;
  moreNext = 10;
  /** TERMINAL MODE VM|CP: CP takes every line, even at VM READ. */
  mode: 'VM' | 'CP' = 'VM';
  attn = false;
  apl = false;
  text = false;
  hilight = false;
}
