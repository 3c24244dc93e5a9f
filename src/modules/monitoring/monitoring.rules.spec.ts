import { Role } from '../../common/auth/role.enum';
import { PlacementStatus } from '../placements/placements.types';
import {
  assessmentProblems,
  attendanceDayProblem,
  attendanceOverdueBefore,
  attentionFinding,
  attendanceTotals,
  canTakeJournalStep,
  foreignUnits,
  isJournalLocked,
  isJournalMissing,
  journalWaitingDelta,
  journalDayProblem,
  localToday,
  mayTakeJournalStep,
  presenceRate,
  presentDelta,
  verificationCode,
  visitDayProblem,
  workingDaysBetween,
  workingDaysWithoutJournal,
} from './monitoring.rules';
import { AttendanceStatus, JournalStatus } from './monitoring.types';

const active = { status: PlacementStatus.Active, startDate: '2026-08-03', endDate: '2026-10-30' };

describe('monitoring rules', () => {
  it('takes the day in Western Indonesia Time', () => {
    expect(localToday(new Date('2026-08-03T16:59:00Z'))).toBe('2026-08-03');
    expect(localToday(new Date('2026-08-03T17:00:00Z'))).toBe('2026-08-04');
  });

  it('lets a journal entry be for a day of the active placement only, never in the future', () => {
    expect(journalDayProblem(active, '2026-08-10', '2026-08-10')).toBeNull();
    expect(journalDayProblem(active, '2026-08-11', '2026-08-10')).toBe('day_in_future');
    expect(journalDayProblem(active, '2026-08-02', '2026-08-10')).toBe('day_before_start');
    expect(journalDayProblem(active, '2026-10-31', '2026-12-01')).toBe('day_after_end');
    expect(
      journalDayProblem(
        { ...active, status: PlacementStatus.Accepted },
        '2026-08-10',
        '2026-08-10',
      ),
    ).toBe('placement_not_active');
  });

  it('keeps attendance for working days (Monday to Friday)', () => {
    expect(attendanceDayProblem(active, '2026-08-07', '2026-08-10')).toBeNull(); // a Friday
    expect(attendanceDayProblem(active, '2026-08-08', '2026-08-10')).toBe('not_a_working_day');
    expect(attendanceDayProblem(active, '2026-08-11', '2026-08-10')).toBe('day_in_future');
    expect(workingDaysBetween('2026-08-03', '2026-08-16')).toBe(10);
    expect(workingDaysBetween('2026-08-16', '2026-08-03')).toBe(0);
  });

  it('lets a teacher visit an active or completed placement, on a day already come', () => {
    expect(visitDayProblem(active, '2026-08-10', '2026-08-10')).toBeNull();
    expect(
      visitDayProblem({ ...active, status: PlacementStatus.Completed }, '2026-11-02', '2026-11-03'),
    ).toBeNull();
    expect(visitDayProblem(active, '2026-08-11', '2026-08-10')).toBe('day_in_future');
    expect(
      visitDayProblem({ ...active, status: PlacementStatus.Offered }, '2026-08-10', '2026-08-10'),
    ).toBe('placement_not_active');
  });

  it('has the mentor approve or return, the teacher comment, and locks an approved entry', () => {
    expect(mayTakeJournalStep('approve', Role.Mentor)).toBe(true);
    expect(mayTakeJournalStep('approve', Role.Teacher)).toBe(false);
    expect(mayTakeJournalStep('return', Role.Student)).toBe(false);
    expect(mayTakeJournalStep('comment', Role.Teacher)).toBe(true);
    expect(mayTakeJournalStep('comment', Role.Mentor)).toBe(false);
    expect(canTakeJournalStep('approve', JournalStatus.Submitted)).toBe(true);
    expect(canTakeJournalStep('approve', JournalStatus.Approved)).toBe(false);
    expect(canTakeJournalStep('return', JournalStatus.Approved)).toBe(false);
    expect(canTakeJournalStep('comment', JournalStatus.Approved)).toBe(true);
    expect(isJournalLocked(JournalStatus.Approved)).toBe(true);
    expect(isJournalLocked(JournalStatus.Returned)).toBe(false);
  });

  it('accepts only the slot’s units as practised', () => {
    expect(foreignUnits(['A', 'B'], ['A'])).toEqual([]);
    expect(foreignUnits(['A', 'B'], ['A', 'C'])).toEqual(['C']);
  });

  it('counts attendance per status and the rate of days present', () => {
    const totals = attendanceTotals([
      { status: AttendanceStatus.Hadir, confirmed: true },
      { status: AttendanceStatus.Hadir, confirmed: false },
      { status: AttendanceStatus.Sakit, confirmed: true },
    ]);
    expect(totals).toEqual({
      hadir: 2,
      izin: 0,
      sakit: 1,
      alpa: 0,
      recorded: 3,
      confirmed: 2,
      rate: 66.7,
    });
    expect(attendanceTotals([]).rate).toBeNull();
  });

  it('wants every slot unit scored once at 1–5, and no other unit', () => {
    expect(
      assessmentProblems(
        ['A', 'B'],
        [
          { unitCode: 'A', level: 3 },
          { unitCode: 'B', level: 5 },
        ],
      ),
    ).toEqual([]);
    const problems = assessmentProblems(
      ['A', 'B'],
      [
        { unitCode: 'A', level: 3 },
        { unitCode: 'A', level: 2 },
        { unitCode: 'C', level: 6 },
      ],
    ).map((p) => p.problem);
    expect(problems).toEqual([
      'A is scored twice',
      "C is not one of the slot's units",
      'C: level must be 1 to 5',
      "missing the slot's units B",
    ]);
  });

  it('makes verification codes of 16 unambiguous characters', () => {
    const code = verificationCode(Buffer.alloc(16, 255));
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{16}$/);
  });

  describe('no journal for N working days', () => {
    // 2026-08-03 is a Monday; the placement runs to Friday 2026-10-30.
    it('counts the working days ended since the start when there is no entry (today not counted)', () => {
      expect(workingDaysWithoutJournal(active, null, '2026-08-03')).toBe(0);
      expect(workingDaysWithoutJournal(active, null, '2026-08-05')).toBe(2);
      expect(workingDaysWithoutJournal(active, null, '2026-08-06')).toBe(3);
    });

    it('counts from the day after the last entry, skipping weekends', () => {
      // Last entry Friday 7th: Monday 10th and Tuesday 11th have ended by Wednesday.
      expect(workingDaysWithoutJournal(active, '2026-08-07', '2026-08-12')).toBe(2);
      expect(workingDaysWithoutJournal(active, '2026-08-07', '2026-08-13')).toBe(3);
      // Last entry Wednesday 5th: Thursday and Friday by Monday, the weekend not counted.
      expect(workingDaysWithoutJournal(active, '2026-08-05', '2026-08-10')).toBe(2);
      expect(workingDaysWithoutJournal(active, '2026-08-12', '2026-08-13')).toBe(0);
      expect(workingDaysWithoutJournal(active, '2026-08-13', '2026-08-13')).toBe(0);
    });

    it("stops at the placement's end", () => {
      expect(workingDaysWithoutJournal(active, '2026-10-27', '2026-11-20')).toBe(3);
      expect(workingDaysWithoutJournal(active, '2026-10-30', '2026-11-20')).toBe(0);
    });

    it('calls 3 or more working days a missing journal', () => {
      expect(isJournalMissing(2)).toBe(false);
      expect(isJournalMissing(3)).toBe(true);
      expect(isJournalMissing(10)).toBe(true);
    });
  });

  it('calls attendance overdue once unconfirmed for more than 7 days', () => {
    const before = attendanceOverdueBefore('2026-08-20');
    expect(before).toBe('2026-08-13');
    expect('2026-08-12' < before).toBe(true);
    expect('2026-08-13' < before).toBe(false);
  });

  it('finds what a placement needs attention for, or nothing', () => {
    const none = { count: 0, oldest: null };
    expect(attentionFinding(active, '2026-08-12', none, '2026-08-13')).toBeNull();
    expect(attentionFinding(active, '2026-08-07', none, '2026-08-12')).toBeNull();
    expect(attentionFinding(active, '2026-08-07', none, '2026-08-13')).toEqual({
      journalMissingDays: 3,
      lastJournalDate: '2026-08-07',
      unconfirmedDays: 0,
      oldestUnconfirmedDay: null,
    });
    expect(
      attentionFinding(active, '2026-08-12', { count: 2, oldest: '2026-08-04' }, '2026-08-13'),
    ).toEqual({
      journalMissingDays: 0,
      lastJournalDate: '2026-08-12',
      unconfirmedDays: 2,
      oldestUnconfirmedDay: '2026-08-04',
    });
  });

  it('rates presence as a percent of recorded days, one decimal', () => {
    expect(presenceRate(0, 0)).toBeNull();
    expect(presenceRate(2, 3)).toBe(66.7);
    expect(presenceRate(5, 5)).toBe(100);
  });

  it("keeps the reports' running totals: entries waiting for review and days present", () => {
    expect(journalWaitingDelta(null, JournalStatus.Submitted)).toBe(1);
    expect(journalWaitingDelta(JournalStatus.Submitted, JournalStatus.Approved)).toBe(-1);
    expect(journalWaitingDelta(JournalStatus.Submitted, JournalStatus.Returned)).toBe(-1);
    expect(journalWaitingDelta(JournalStatus.Returned, JournalStatus.Submitted)).toBe(1);
    expect(journalWaitingDelta(JournalStatus.Returned, JournalStatus.Approved)).toBe(0);
    expect(journalWaitingDelta(JournalStatus.Submitted, JournalStatus.Submitted)).toBe(0);
    expect(presentDelta(null, AttendanceStatus.Hadir)).toBe(1);
    expect(presentDelta(null, AttendanceStatus.Sakit)).toBe(0);
    expect(presentDelta(AttendanceStatus.Hadir, AttendanceStatus.Izin)).toBe(-1);
    expect(presentDelta(AttendanceStatus.Alpa, AttendanceStatus.Hadir)).toBe(1);
  });
});
