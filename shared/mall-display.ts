/**
 * What each mall lets a shop show about its customer. Rakuten gives the orderer's name; Yahoo! gives a
 * masked id only, so no name is ever shown for a Yahoo! inquiry (malls/yahoo.md).
 */
import type { Mall } from './api.ts';

/** Whether the customer's name may be shown for an inquiry of this mall. */
export function showsCustomerName(mall: Mall): boolean {
  return mall === 'rakuten';
}
