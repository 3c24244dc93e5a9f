/** What other modules read of a company (never the entity). */
export interface CompanySummary {
  id: number;
  nib: string;
  name: string;
  kbliCode: string;
  regionCode: string;
  workforceSize: number;
  contactEmail: string;
}
