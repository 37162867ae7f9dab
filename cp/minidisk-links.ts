// Who has which minidisk, and in what mode: the rules of LINK (VM/370 R6 CP
// Command Reference for General Users, GC20-1820, LINK; cp.md 4.2). Every
// link of every user to a directory minidisk is recorded here, the owner's
// own link at logon included, so one user's W link keeps another's W out.
//
//   R   read-only; refused if anyone else has it in write
//   RR  read-only even if someone has write
//   W   write; refused if anyone else has any link
//   WR  write if nobody else is linked, else read-only
//   M   write unless someone else already has write (then refused)
//   MR  like M, but read-only instead of refused
//   MW  write in all cases

import type { LinkMode, MinidiskDefinition } from './directory.js';
import { passwordMatches } from './password.js';

export interface ActiveLink {
  readonly userid: string;
  /** The virtual address in the linking user's machine. */
  readonly vaddr: number;
  readonly write: boolean;
}

export type LinkOutcome =
  | {
      readonly ok: true;
      readonly write: boolean;
      readonly forced?: { readonly writer?: string; readonly readers: number };
    }
  | { readonly ok: false; readonly writer?: string; readonly readers: number };

const key = (owner: string, vaddr: number): string => `${owner}.${vaddr.toString(16)}`;

export class LinkRegistry {
  private readonly links = new Map<string, ActiveLink[]>();

  /** Links to the owner's minidisk, the owner's own included. */
  linksTo(owner: string, diskVaddr: number): readonly ActiveLink[] {
    return this.links.get(key(owner, diskVaddr)) ?? [];
  }

  /** Decide a link of `mode` for `userid` and record it when granted. */
  grant(owner: string, diskVaddr: number, userid: string, asVaddr: number, mode: LinkMode): LinkOutcome {
    const all = this.links.get(key(owner, diskVaddr)) ?? [];
    const others = all.filter((l) => l.userid !== userid);
    const writer = others.find((l) => l.write)?.userid;
    const readers = others.filter((l) => !l.write).length;
    let outcome: LinkOutcome;
    switch (mode) {
      case 'R':
        outcome = writer ? { ok: false, writer, readers } : { ok: true, write: false };
        break;
      case 'RR':
        outcome = { ok: true, write: false };
        break;
      case 'W':
        outcome = others.length > 0 ? { ok: false, writer, readers } : { ok: true, write: true };
        break;
      case 'WR':
        outcome =
          others.length > 0 ? { ok: true, write: false, forced: { writer, readers } } : { ok: true, write: true };
        break;
      case 'M':
        outcome = writer ? { ok: false, writer, readers } : { ok: true, write: true };
        break;
      case 'MR':
        outcome = writer ? { ok: true, write: false, forced: { writer, readers } } : { ok: true, write: true };
        break;
      case 'MW':
        outcome = { ok: true, write: true };
        break;
    }
    if (outcome.ok) this.links.set(key(owner, diskVaddr), [...all, { userid, vaddr: asVaddr, write: outcome.write }]);
    return outcome;
  }

  /** DETACH, LOGOFF: the link is gone. */
  release(owner: string, diskVaddr: number, userid: string, asVaddr: number): void {
    const k = key(owner, diskVaddr);
    const rest = (this.links.get(k) ?? []).filter((l) => !(l.userid === userid && l.vaddr === asVaddr));
    if (rest.length > 0) this.links.set(k, rest);
    else this.links.delete(k);
  }
}

/** Which of the MDISK passwords a mode needs (read for R/RR, write for W/WR, multi for M/MR/MW). */
export function passwordKind(mode: LinkMode): 'READ' | 'WRITE' | 'MULT' {
  if (mode === 'R' || mode === 'RR') return 'READ';
  if (mode === 'W' || mode === 'WR') return 'WRITE';
  return 'MULT';
}

export type PasswordCheck = 'ok' | 'none-defined' | 'missing' | 'incorrect';

/**
 * Another user's password for `mode` (cp.md 4.1): the word ALL as the read
 * password lets anyone link R/O without one; a mode with no password cannot
 * be obtained by others at all.
 */
export function checkLinkPassword(def: MinidiskDefinition, mode: LinkMode, given: string | undefined): PasswordCheck {
  const kind = passwordKind(mode);
  const stored = kind === 'READ' ? def.readPassword : kind === 'WRITE' ? def.writePassword : def.multiPassword;
  if (stored === undefined) return 'none-defined';
  if (kind === 'READ' && stored.toUpperCase() === 'ALL') return 'ok';
  if (given === undefined) return 'missing';
  return passwordMatches(stored, given) ? 'ok' : 'incorrect';
}
