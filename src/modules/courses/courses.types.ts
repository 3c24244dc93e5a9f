/** Who runs a course (penyelenggara pelatihan). */
export enum ProviderType {
  School = 'school',
  /** A Balai Latihan Kerja (BLK) or another public/private training centre. */
  TrainingCentre = 'training_centre',
  Company = 'company',
}

/** A unit a course teaches and the level a student who passes reaches in it. */
export interface CourseUnitLevel {
  unitCode: string;
  level: number;
}

/** A course teaching one of the asked units (analytics' recommendations). */
export interface CourseTeaching {
  unitCode: string;
  id: number;
  code: string;
  title: string;
  providerName: string;
  level: number;
}
