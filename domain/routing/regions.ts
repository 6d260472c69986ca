// Counter Terrorism Policing regions as the directory knows them (decision 0018): each region's
// regional Prevent hub covers the police forces of its region, so the directory alone says which
// forces a regional hub oversees and which region a force belongs to.
import { type Organisation, policeHubId, regionalHubId } from './directory.js';

export interface RegionForce {
  code: string;
  /** The force's Prevent hub: the destination whose queue holds the force's cases. */
  id: string;
  name: string;
}

export interface RegionalHub {
  ctpRegion: string;
  id: string;
  name: string;
  forces: RegionForce[];
}

/** The regional hub of `ctpRegion` with its forces, or null when the directory has none. */
export function regionalHubOf(organisations: ReadonlyMap<string, Organisation>, ctpRegion: string): RegionalHub | null {
  const hub = organisations.get(regionalHubId(ctpRegion));
  if (hub?.kind !== 'regional-prevent-hub') return null;
  const forces = hub.covers.flatMap((code) => {
    const force = organisations.get(policeHubId(code));
    return force ? [{ code, id: force.id, name: force.name }] : [];
  });
  return { ctpRegion, id: hub.id, name: hub.name, forces };
}

/** The CTP region of a police force (by its area code), or null when no regional hub covers it. */
export function regionOfForce(organisations: ReadonlyMap<string, Organisation>, forceCode: string): string | null {
  for (const organisation of organisations.values()) {
    if (organisation.kind === 'regional-prevent-hub' && organisation.covers.includes(forceCode))
      return organisation.id.slice('ctp:'.length);
  }
  return null;
}
