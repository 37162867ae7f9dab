// PROVISIONAL: filled in by the helper that owns this family.
import type { Handler } from '../handler.js';

export const ioHandlers: Record<string, Handler> = {};
