// An organisation's event stream: "organisation-<id>", the id's colon written as an underscore
// (stream ids hold letters, digits, - and _): police:E23000014 -> organisation-police_E23000014.
export const ORGANISATION_STREAM_PREFIX = 'organisation-';

export function organisationStreamId(organisationId: string): string {
  return `${ORGANISATION_STREAM_PREFIX}${organisationId.replace(':', '_')}`;
}

export function isOrganisationStream(streamId: string): boolean {
  return streamId.startsWith(ORGANISATION_STREAM_PREFIX);
}
