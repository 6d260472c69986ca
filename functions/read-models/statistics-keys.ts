// Where the statistics' history, organisations' own figures and dated extracts live in the
// read-models table (beside the profile items of read-model-keys.ts):
//
//   history          pk v<N>#statistics-history#<financial year>                    sk <streamId>#<version, 10 digits>
//                    a referral's profile after each event that moved it between cells, with the event's instant
//   own figures      pk v<N>#statistics-organisation#<destination id>#<financial year> sk <streamId>
//                    the profile of each referral routed to the organisation now
//   extract          pk statistics-extracts                                          sk <financial year>#q<quarter>#r<revision, 3 digits>
//                    a dated extract (not versioned: kept across rebuilds, never overwritten)

export const statisticsHistoryKeys = {
  historyPartition: (version: number, financialYear: string): string =>
    `v${version}#statistics-history#${financialYear}`,
  historySk: (streamId: string, streamVersion: number): string =>
    `${streamId}#${String(streamVersion).padStart(10, '0')}`,
  organisationPartition: (version: number, organisation: string, financialYear: string): string =>
    `v${version}#statistics-organisation#${organisation}#${financialYear}`,
  extractPartition: 'statistics-extracts',
  extractSk: (financialYear: string, quarter: number, revision: number): string =>
    `${financialYear}#q${quarter}#r${String(revision).padStart(3, '0')}`,
} as const;
