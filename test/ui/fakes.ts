// The in-memory Services every test uses live in one place: test/helpers/services.ts.
export * from '../helpers/services.js';
