import { Role } from '../../common/auth/role.enum';
import {
  ageProblem,
  canTransition,
  isOfferOpen,
  isOldEnough,
  mayTakeStep,
  openOfferSql,
} from './placements.rules';
import { PlacementStatus } from './placements.types';

describe('placement transitions', () => {
  it('accepts only an offer, starts only an accepted placement', () => {
    expect(canTransition('accept', PlacementStatus.Offered)).toBe(true);
    expect(canTransition('accept', PlacementStatus.Proposed)).toBe(false);
    expect(canTransition('start', PlacementStatus.Accepted)).toBe(true);
    expect(canTransition('start', PlacementStatus.Offered)).toBe(false);
    expect(canTransition('complete', PlacementStatus.Active)).toBe(true);
    expect(canTransition('terminate', PlacementStatus.Completed)).toBe(false);
    expect(canTransition('withdraw', PlacementStatus.Accepted)).toBe(true);
  });

  it('lets the student side answer an offer and the company side run the placement', () => {
    expect(mayTakeStep('accept', Role.Student)).toBe(true);
    expect(mayTakeStep('accept', Role.SchoolAdmin)).toBe(true);
    expect(mayTakeStep('accept', Role.CompanyAdmin)).toBe(false);
    expect(mayTakeStep('start', Role.CompanyAdmin)).toBe(true);
    expect(mayTakeStep('start', Role.Student)).toBe(false);
    expect(mayTakeStep('withdraw', Role.Coordinator)).toBe(true);
  });
});

describe('ageProblem (Permenaker 6/2020)', () => {
  it('accepts a student turning 17 that very day, with consent', () => {
    expect(ageProblem({ birthDate: '2010-01-04', parentalConsent: true }, '2027-01-04')).toBeNull();
  });

  it('refuses a student turning 17 the day after', () => {
    expect(ageProblem({ birthDate: '2010-01-05', parentalConsent: true }, '2027-01-04')).toEqual({
      rule: 'minimum_age',
      age: 16,
    });
  });

  it('wants consent under 18 only', () => {
    expect(ageProblem({ birthDate: '2009-06-01', parentalConsent: 0 }, '2027-01-04')).toEqual({
      rule: 'parental_consent_required',
      age: 17,
    });
    expect(isOldEnough({ birthDate: '2009-06-01', parentalConsent: 1 }, '2027-01-04')).toBe(true);
    expect(isOldEnough({ birthDate: '2009-01-04', parentalConsent: false }, '2027-01-04')).toBe(
      true,
    );
  });
});

describe('isOfferOpen', () => {
  const now = new Date('2026-05-01T10:00:00Z');

  it('is open while offered and before its deadline', () => {
    const offer = { status: PlacementStatus.Offered, offerDeadline: new Date('2026-05-02') };
    expect(isOfferOpen(offer, now)).toBe(true);
    expect(isOfferOpen({ ...offer, offerDeadline: null }, now)).toBe(true);
    expect(isOfferOpen({ ...offer, offerDeadline: now }, now)).toBe(true);
  });

  it('is closed past its deadline or once answered', () => {
    expect(
      isOfferOpen(
        { status: PlacementStatus.Offered, offerDeadline: new Date('2026-05-01T09:59:59Z') },
        now,
      ),
    ).toBe(false);
    expect(isOfferOpen({ status: PlacementStatus.Accepted, offerDeadline: null }, now)).toBe(false);
  });

  it('has its SQL twin over an alias', () => {
    expect(openOfferSql('p')).toBe(
      "(p.status = 'offered' AND (p.offer_deadline IS NULL OR p.offer_deadline >= NOW(3)))",
    );
  });
});
