// Stands in for @mysten/sui/client when quilt-oracle.mjs loads the Walrus SDK's readers: of the Sui client they use
// only ClientCache, a memo of async loads by key (see walrus-bcs.mjs for why the Sui SDK is not installed).
export class ClientCache {
  #entries = new Map();

  read(key, load) {
    const k = key.join('\u0000');
    if (!this.#entries.has(k)) {
      this.#entries.set(k, Promise.resolve().then(load).catch((e) => {
        this.#entries.delete(k);
        throw e;
      }));
    }
    return this.#entries.get(k);
  }
}
