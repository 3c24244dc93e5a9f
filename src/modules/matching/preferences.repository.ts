import { Injectable } from '@nestjs/common';
import { pushTo } from '../../common/collections/multimap';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SlotRanking, StudentPreference } from './preference.entity';

/** Every query on student_preferences and slot_rankings. */
@Injectable()
export class PreferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A student's slots, first choice first. */
  async preferencesOf(studentId: number): Promise<number[]> {
    const rows = await this.dataSource
      .getRepository(StudentPreference)
      .find({ where: { studentId }, order: { rank: 'ASC' } });
    return rows.map((r) => r.slotId);
  }

  /** Replaces a student's ranked list (rank = position + 1). */
  async replacePreferences(manager: EntityManager, studentId: number, slotIds: number[]) {
    await manager.getRepository(StudentPreference).delete({ studentId });
    if (slotIds.length > 0) {
      await manager
        .getRepository(StudentPreference)
        .insert(slotIds.map((slotId, index) => ({ studentId, slotId, rank: index + 1 })));
    }
  }

  /** A slot's candidates, most wanted first. */
  async rankingOf(slotId: number): Promise<number[]> {
    const rows = await this.dataSource
      .getRepository(SlotRanking)
      .find({ where: { slotId }, order: { rank: 'ASC' } });
    return rows.map((r) => r.studentId);
  }

  async replaceRanking(manager: EntityManager, slotId: number, studentIds: number[]) {
    await manager.getRepository(SlotRanking).delete({ slotId });
    if (studentIds.length > 0) {
      await manager
        .getRepository(SlotRanking)
        .insert(studentIds.map((studentId, index) => ({ slotId, studentId, rank: index + 1 })));
    }
  }

  /** Each student's slots in rank order, for a round (one query per call: pass a batch). */
  async preferencesOfMany(
    studentIds: number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<number, number[]>> {
    const lists = new Map<number, number[]>();
    if (studentIds.length === 0) {
      return lists;
    }
    const rows = await manager.query<{ studentId: number; slotId: number }[]>(
      'SELECT student_id AS studentId, slot_id AS slotId FROM student_preferences WHERE student_id IN (?) ORDER BY student_id, `rank`',
      [studentIds],
    );
    for (const r of rows) {
      pushTo(lists, Number(r.studentId), Number(r.slotId));
    }
    return lists;
  }

  /** Each slot's candidates in rank order, for a round (one query per call: pass a batch). */
  async rankingsOfMany(
    slotIds: number[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<number, number[]>> {
    const lists = new Map<number, number[]>();
    if (slotIds.length === 0) {
      return lists;
    }
    const rows = await manager.query<{ slotId: number; studentId: number }[]>(
      'SELECT slot_id AS slotId, student_id AS studentId FROM slot_rankings WHERE slot_id IN (?) ORDER BY slot_id, `rank`',
      [slotIds],
    );
    for (const r of rows) {
      pushTo(lists, Number(r.slotId), Number(r.studentId));
    }
    return lists;
  }
}
