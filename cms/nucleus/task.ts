// CMS work is written as generators, so a command that must wait (for the
// console, for a device, for a user program to return) or that runs long
// (an EXEC loop, COPYFILE of a large file) gives control back to the
// virtual machine and is resumed later (DESIGN.md, "The guest interface").
// A generator yields one of these requests; the nucleus driver
// (cms/nucleus/nucleus.ts) carries it out and resumes the generator with
// the answer.

export type Request =
  /** Read one line from the console (the terminal, not the program stack): answer `string`. */
  | { readonly kind: 'read' }
  /** Let other virtual machines run; answer `undefined`. */
  | { readonly kind: 'slice' }
  /**
   * Run user code: load the registers and the PSW (key X'E', at `address`);
   * R14 is set to the return slot. Answer: R15 when the program returns.
   */
  | { readonly kind: 'run'; readonly address: number; readonly gpr: readonly number[] }
  /**
   * Run a channel program on a unit-record device (CAW → `ccwAddress`) and
   * wait for it to end: answer the CSW's unit status (negative: cc 3, not
   * operational).
   */
  | { readonly kind: 'io'; readonly device: number; readonly ccwAddress: number }
  /**
   * Wait for the user's next AID key on a full-screen console (DIAGNOSE
   * X'58' read gave CC 2): CP presents attention on the console. Answer: the
   * CSW's unit status.
   */
  | { readonly kind: 'display' };

/** A piece of CMS work that ends with a return code. */
export type CmsGen<T = number> = Generator<Request, T, unknown>;

export const slice = (): Request => ({ kind: 'slice' });
