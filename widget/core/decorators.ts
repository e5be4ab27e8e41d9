import type { PropertyDeclaration, ReactiveElement } from 'lit';

/**
 * Lit's @property, @state and @query for the TypeScript (experimentalDecorators) fields this project
 * writes, and nothing else: Lit's own also handle standard decorators and accessors, code the inbox
 * page would load for no use.
 */
type Proto = ReactiveElement & { constructor: typeof ReactiveElement };

export const property =
  (options?: PropertyDeclaration) =>
  (proto: object, name: PropertyKey): void =>
    (proto as Proto).constructor.createProperty(name, options);

/** Internal reactive state: no attribute. */
export const state = (options?: PropertyDeclaration) => property({ ...options, state: true, attribute: false });

/** A getter for the first match of `selector` in the render root (null until rendered). */
export const query =
  (selector: string) =>
  // the descriptor goes back to the decorate helper, which defines it (TypeScript types that return as any)
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (_proto: object, _name: PropertyKey): any => ({
    configurable: true,
    enumerable: true,
    get(this: ReactiveElement) {
      return this.renderRoot?.querySelector(selector) ?? null;
    },
  });
