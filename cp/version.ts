// The CP service level QUERY CPLEVEL reports.
export const VERSION_LEVEL = '0100';
