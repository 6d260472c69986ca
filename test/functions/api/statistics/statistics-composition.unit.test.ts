// Whose referrals are an organisation's own figures (decision 0018): its own, or for a regional
// Prevent hub those of the police forces of its region, from the directory.
import { describe, expect, it } from 'vitest';
import { ownReferralsOf } from '../../../../functions/api/statistics/statistics-composition.js';
import { loadOrganisations } from '../../../../functions/geography/load-geography.js';

describe('an organisation’s own referrals', () => {
  const own = ownReferralsOf(loadOrganisations);

  it('are its own for a force, a council or a hub', () => {
    expect(own('police:E23000014')).toEqual(['police:E23000014']);
    expect(own('la:E08000026')).toEqual(['la:E08000026']);
  });

  it("are its forces' for a regional Prevent hub, and nobody's for a region the directory does not have", () => {
    expect([...own('ctp:CTP-WM')].sort()).toEqual([
      'police:E23000014',
      'police:E23000015',
      'police:E23000016',
      'police:E23000017',
    ]);
    expect(own('ctp:CTP-XX')).toEqual([]);
  });
});
