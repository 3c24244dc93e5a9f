import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Action, scopeList } from '../../common/access/access-policy';
import { AuthUser } from '../../common/auth/auth-user';
import { inTransaction } from '../../common/database/transaction';
import { Agreement, AgreementProgram } from './agreement.entity';
import { ListAgreementsQuery } from './dto/agreement.dto';

/** Every query on `agreements` and `agreement_programs`. */
@Injectable()
export class AgreementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The agreement and its programmes, together or not at all; returns its id. */
  insert(
    fields: Pick<
      Agreement,
      'schoolId' | 'companyId' | 'documentNumber' | 'validFrom' | 'validUntil'
    >,
    programCodes: readonly string[],
  ): Promise<number> {
    return inTransaction(this.dataSource, async (manager) => {
      const agreement = await manager.getRepository(Agreement).save(fields);
      if (programCodes.length > 0) {
        await manager
          .getRepository(AgreementProgram)
          .insert(programCodes.map((programCode) => ({ agreementId: agreement.id, programCode })));
      }
      return agreement.id;
    });
  }

  findById(id: number): Promise<Agreement | null> {
    return this.dataSource.getRepository(Agreement).findOneBy({ id });
  }

  async list(
    query: ListAgreementsQuery,
    user: AuthUser,
  ): Promise<{ items: Agreement[]; total: number }> {
    const qb = this.dataSource.getRepository(Agreement).createQueryBuilder('a');
    scopeList(qb, user, 'agreement', 'a', Action.List);
    if (query.validOn) {
      qb.andWhere(':validOn BETWEEN a.validFrom AND a.validUntil', { validOn: query.validOn });
    }
    const [items, total] = await qb
      .orderBy('a.id', 'ASC')
      .skip(query.skip)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  /** The programmes of each agreement, by agreement id, in code order. */
  async programsOf(agreementIds: readonly number[]): Promise<Map<number, string[]>> {
    const byAgreement = new Map<number, string[]>();
    if (agreementIds.length === 0) {
      return byAgreement;
    }
    const rows = await this.dataSource.getRepository(AgreementProgram).find({
      where: { agreementId: In([...agreementIds]) },
      order: { programCode: 'ASC' },
    });
    for (const row of rows) {
      byAgreement.set(row.agreementId, [
        ...(byAgreement.get(row.agreementId) ?? []),
        row.programCode,
      ]);
    }
    return byAgreement;
  }
}
