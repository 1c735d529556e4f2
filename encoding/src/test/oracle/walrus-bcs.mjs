// Walrus's BCS layouts as the official TypeScript SDK (@mysten/walrus) defines them, for checking Floe's bytes.
// The SDK's dist/utils/bcs.mjs imports `bcs` from @mysten/sui/bcs, which is @mysten/bcs plus Sui types; only
// Address (32 bytes) of those is used by these layouts. The whole Sui SDK is not needed to serialize them, so it is
// not installed (.npmrc: legacy-peer-deps): a resolve hook maps @mysten/sui/bcs to sui-bcs.mjs, which adds Address
// to @mysten/bcs. The file is loaded by path because the package exports only its main entry.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === '@mysten/sui/bcs') {
    return { url: ${JSON.stringify(new URL('./sui-bcs.mjs', import.meta.url).href)}, shortCircuit: true };
  }
  return next(specifier, context);
}`));

export const walrusBcs = await import(new URL('./node_modules/@mysten/walrus/dist/utils/bcs.mjs', import.meta.url).href);
