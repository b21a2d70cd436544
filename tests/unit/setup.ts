// Dexie needs an IndexedDB: an in-memory one, fresh per test file.
import 'fake-indexeddb/auto';
