/**
 * The mocha globals web-test-runner provides in the browser, typed for the type-check
 * (the project carries no @types/mocha). Ambient function declarations merge as overloads.
 */
type GoqTestFn = (this: unknown) => void | Promise<unknown>;
declare function describe(title: string, fn: () => void): void;
declare function it(title: string, fn: GoqTestFn): void;
declare function before(fn: GoqTestFn): void;
declare function after(fn: GoqTestFn): void;
declare function beforeEach(fn: GoqTestFn): void;
declare function afterEach(fn: GoqTestFn): void;
