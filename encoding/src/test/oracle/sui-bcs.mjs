// Stands in for @mysten/sui/bcs when walrus-bcs.mjs loads the Walrus SDK's layouts (see there).
import { bcs as base } from '@mysten/bcs';

export const bcs = { ...base, Address: base.fixedArray(32, base.u8()) };
