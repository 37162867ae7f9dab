/** The vmcms release, shown by `vmcms --version` and QUERY CPLEVEL. */
export const VERSION = '0.1.0';
