// The cold-start floor: a page whose "call" does nothing.
export const nothing = 0;
