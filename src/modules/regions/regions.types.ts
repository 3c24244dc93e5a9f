/** A region as other features name it. */
export interface RegionRef {
  code: string;
  name: string;
}

export const REGION_PROFILES = [
  'industrial',
  'coastal_tourism',
  'umkm',
  'agriculture',
  'services',
  'fisheries',
] as const;
export type RegionProfile = (typeof REGION_PROFILES)[number];

/** Which regions to read: every given filter applies. */
export interface RegionFilter {
  profile?: string;
  regionCode?: string;
  provinceCode?: string;
  /** Only these codes (null or absent: every region). */
  codes?: readonly string[] | null;
}
