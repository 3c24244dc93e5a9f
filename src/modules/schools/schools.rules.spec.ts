import { Role } from '../../common/auth/role.enum';
import { refusedSchoolFields } from './schools.rules';

describe('school rules', () => {
  it('lets the province change every field', () => {
    expect(refusedSchoolFields(Role.Coordinator, { npsn: '12345678', status: 'swasta' })).toEqual(
      [],
    );
  });

  it("names the province's fields a school admin tried to change", () => {
    expect(
      refusedSchoolFields(Role.SchoolAdmin, { npsn: '12345678', regionCode: undefined }).map(
        (p) => p.field,
      ),
    ).toEqual(['npsn']);
  });
});
