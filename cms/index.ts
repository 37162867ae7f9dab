// CMS as a named system: `IPL CMS` in a virtual machine calls ipl(), which
// lays out the nucleus in the guest's storage, binds the native routines
// and starts the session (cms/nucleus). CMS imports only s390/.

import type { Guest, NamedSystem } from '../s390/guest.js';
import { CmsSession } from './nucleus/session.js';

export { CmsSession } from './nucleus/session.js';
export { VERSION_LINE } from './messages.js';

export const cmsSystem: NamedSystem = {
  name: 'CMS',
  ipl(guest: Guest, parm: string): void {
    new CmsSession(guest, parm).ipl();
  },
};
