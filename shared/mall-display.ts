/**
 * What each mall lets a shop show about its customer. Rakuten gives the orderer's name; Yahoo! gives a
 * masked id only, so no name is ever shown for a Yahoo! inquiry (malls/yahoo.md).
 */
import type { Mall } from './api.ts';

/** Whether the customer's name may be shown for an inquiry of this mall. */
export function showsCustomerName(mall: Mall): boolean {
  return mall === 'rakuten';
}

/** The name to show for an inquiry's customer: null where the mall shows none or none is known. */
export function displayedCustomerName(mall: Mall, name: string | null | undefined): string | null {
  return showsCustomerName(mall) && name ? name : null;
}
