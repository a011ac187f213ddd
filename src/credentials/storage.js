// Where `fromCognitoIdentityPool` keeps identity IDs (never credentials): in memory by
// default, or in IndexedDB or `localStorage` when asked. Each has the `Storage` methods
// the AWS SDK's `cache` option takes, sync or async.

/** Identity IDs in memory, for the life of the page. */
export class InMemoryStorage {
  #items = new Map();
  getItem(key) {
    return this.#items.get(key) ?? null;
  }
  setItem(key, value) {
    this.#items.set(key, String(value));
  }
  removeItem(key) {
    this.#items.delete(key);
  }
}

/** Identity IDs in IndexedDB (database `dbName`, store `IdentityIds`), as the AWS SDK keeps them. */
export class IndexedDbStorage {
  #dbName;
  #db;
  constructor(dbName = 'aws:cognito-identity-ids') {
    this.#dbName = dbName;
  }
  getItem(key) {
    return this.#request('readonly', (store) => store.get(key)).then((entry) => entry?.value ?? null);
  }
  setItem(key, value) {
    return this.#request('readwrite', (store) => store.put({ id: key, value: String(value) })).then(() => undefined);
  }
  removeItem(key) {
    return this.#request('readwrite', (store) => store.delete(key)).then(() => undefined);
  }
  #open() {
    this.#db ??= new Promise((resolve, reject) => {
      const opening = globalThis.indexedDB.open(this.#dbName, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore('IdentityIds', { keyPath: 'id' });
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    return this.#db;
  }
  async #request(mode, operate) {
    const db = await this.#open();
    return new Promise((resolve, reject) => {
      const request = operate(db.transaction('IdentityIds', mode).objectStore('IdentityIds'));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }
}
