/** The Hono environment of the API: the authenticated shop and staff name. */
import type { AuthVariables } from '../auth/auth.middleware.ts';

export interface AppEnv {
  Variables: AuthVariables;
}
