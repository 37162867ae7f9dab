// The general instructions (PoO chapter "General Instructions"), joined to
// their rows of s390/opcodes.ts by mnemonic. The handlers live in files by
// topic; CVB and CVD, which sit in the general section of the table, are
// decimal arithmetic and come from decimal.ts.

import type { Handler } from '../handler.js';
import * as arith from './general-arith.js';
import * as branch from './general-branch.js';
import * as load from './general-load.js';
import * as logical from './general-logical.js';
import * as move from './general-move.js';
import * as shift from './general-shift.js';

export const generalHandlers: Record<string, Handler> = {
  // ADD
  AR: arith.addRegister,
  A: arith.add,
  AH: arith.addHalfword,
  AHI: arith.addHalfwordImmediate,
  ALR: arith.addLogicalRegister,
  AL: arith.addLogical,
  // AND
  NR: logical.andRegister,
  N: logical.and,
  NI: logical.andImmediate,
  NC: logical.andCharacters,
  // BRANCH
  BALR: branch.branchAndLinkRegister,
  BAL: branch.branchAndLink,
  BASR: branch.branchAndSaveRegister,
  BAS: branch.branchAndSave,
  BASSM: branch.branchAndSaveAndSetMode,
  BSM: branch.branchAndSetMode,
  BCR: branch.branchOnConditionRegister,
  BC: branch.branchOnCondition,
  BCTR: branch.branchOnCountRegister,
  BCT: branch.branchOnCount,
  BXH: branch.branchOnIndexHigh,
  BXLE: branch.branchOnIndexLowOrEqual,
  BRAS: branch.branchRelativeAndSave,
  BRC: branch.branchRelativeOnCondition,
  BRCT: branch.branchRelativeOnCount,
  BRXH: branch.branchRelativeOnIndexHigh,
  BRXLE: branch.branchRelativeOnIndexLowOrEqual,
  // COMPARE
  CR: arith.compareRegister,
  C: arith.compare,
  CS: move.compareAndSwap,
  CDS: move.compareDoubleAndSwap,
  CH: arith.compareHalfword,
  CHI: arith.compareHalfwordImmediate,
  CLR: logical.compareLogicalRegister,
  CL: logical.compareLogical,
  CLI: logical.compareLogicalImmediate,
  CLC: logical.compareLogicalCharacters,
  CLM: logical.compareLogicalCharactersUnderMask,
  CLCL: logical.compareLogicalLong,
  // DIVIDE
  DR: arith.divideRegister,
  D: arith.divide,
  // EXCLUSIVE OR
  XR: logical.exclusiveOrRegister,
  X: logical.exclusiveOr,
  XI: logical.exclusiveOrImmediate,
  XC: logical.exclusiveOrCharacters,
  // EXECUTE
  EX: branch.execute,
  // INSERT
  IC: load.insertCharacter,
  ICM: load.insertCharactersUnderMask,
  IPM: load.insertProgramMask,
  // LOAD
  LR: load.loadRegister,
  L: load.load,
  LA: load.loadAddress,
  LTR: arith.loadAndTest,
  LCR: arith.loadComplement,
  LH: load.loadHalfword,
  LHI: load.loadHalfwordImmediate,
  LM: load.loadMultiple,
  LNR: arith.loadNegative,
  LPR: arith.loadPositive,
  // MOVE
  MVI: move.moveImmediate,
  MVC: move.moveCharacters,
  MVCIN: move.moveInverse,
  MVCL: move.moveLong,
  MVN: move.moveNumerics,
  MVO: move.moveWithOffset,
  MVZ: move.moveZones,
  // MULTIPLY
  MR: arith.multiplyRegister,
  M: arith.multiply,
  MH: arith.multiplyHalfword,
  MHI: arith.multiplyHalfwordImmediate,
  MSR: arith.multiplySingleRegister,
  MS: arith.multiplySingle,
  // OR
  OR: logical.orRegister,
  O: logical.or,
  OI: logical.orImmediate,
  OC: logical.orCharacters,
  // SET PROGRAM MASK
  SPM: load.setProgramMask,
  // SHIFT
  SLDA: shift.shiftLeftDouble,
  SLDL: shift.shiftLeftDoubleLogical,
  SLA: shift.shiftLeftSingle,
  SLL: shift.shiftLeftSingleLogical,
  SRDA: shift.shiftRightDouble,
  SRDL: shift.shiftRightDoubleLogical,
  SRA: shift.shiftRightSingle,
  SRL: shift.shiftRightSingleLogical,
  // STORE
  ST: load.store,
  STC: load.storeCharacter,
  STCM: load.storeCharactersUnderMask,
  STH: load.storeHalfword,
  STM: load.storeMultiple,
  // SUBTRACT
  SR: arith.subtractRegister,
  S: arith.subtract,
  SH: arith.subtractHalfword,
  SLR: arith.subtractLogicalRegister,
  SL: arith.subtractLogical,
  // SUPERVISOR CALL
  SVC: branch.supervisorCall,
  // TEST AND SET, TEST UNDER MASK
  TS: move.testAndSet,
  TM: logical.testUnderMask,
  TMLH: logical.testUnderMaskHigh,
  TMLL: logical.testUnderMaskLow,
  // TRANSLATE
  TR: move.translate,
  TRT: move.translateAndTest,
};
