// The decoded operands of the instruction being executed. The dispatcher
// fills one reused Operands object per CPU from the instruction's format
// (s390/formats.ts), so handlers never pull bits out of the instruction and
// nothing is allocated per instruction.

export class Operands {
  r1 = 0;
  r2 = 0;
  r3 = 0;
  x2 = 0;
  b1 = 0;
  b2 = 0;
  d1 = 0;
  d2 = 0;
  /** I field of the I format (SVC number). */
  i1 = 0;
  /** SI immediate byte, or the signed 16-bit RI/RSI immediate. */
  i2 = 0;
  /** SRP rounding digit. */
  i3 = 0;
  /** SS length codes as in the instruction (length - 1). */
  l1 = 0;
  l2 = 0;
  /** Effective address of D1(B1), wrapped to the addressing mode. */
  addr1 = 0;
  /** Effective address of D2(X2,B2) or D2(B2), wrapped to the addressing mode. */
  addr2 = 0;
  /** Instruction length in bytes (2, 4 or 6), for the ILC. */
  length = 0;
}
