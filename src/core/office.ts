/** An office that can own a topic and receive escalations (from knowledge/contacts.yaml). */
export interface Office {
  id: string;
  /** Full official name. */
  name: string;
  /** Short name for chat replies. */
  shortName: string;
  email: string | null;
  phone: string | null;
  /** What this office handles, in Japanese, for people and for the confirm step. */
  handles: string[];
}

/** The two office ids the contract guarantees. */
export const HR_OFFICE = 'hr';
export const SECURITY_OFFICE = 'security';
