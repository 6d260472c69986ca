// Demo users for the local service only: never part of the cloud build. They span several
// forces, councils and hubs so that tenancy can be tried by hand.
import { type Role } from '../events/envelope.js';

export interface Persona {
  id: string;
  name: string;
  role: Role;
  organisation: string;
  organisationName: string;
}

export const personas: readonly Persona[] = [
  {
    id: 'wm-officer',
    name: 'Priya Sandhu',
    role: 'police-prevent-officer',
    organisation: 'police:E23000014',
    organisationName: 'West Midlands Police Prevent hub',
  },
  {
    id: 'staffs-officer',
    name: 'Tom Heath',
    role: 'police-prevent-officer',
    organisation: 'police:E23000015',
    organisationName: 'Staffordshire Police Prevent hub',
  },
  {
    id: 'gmp-officer',
    name: 'Aisha Rahman',
    role: 'police-prevent-officer',
    organisation: 'police:E23000005',
    organisationName: 'Greater Manchester Police Prevent hub',
  },
  {
    id: 'met-officer',
    name: 'Daniel Okafor',
    role: 'police-prevent-officer',
    organisation: 'police:E23000001',
    organisationName: 'Metropolitan Police Prevent hub',
  },
  {
    id: 'south-wales-officer',
    name: 'Rhys Morgan',
    role: 'police-prevent-officer',
    organisation: 'police:W15000003',
    organisationName: 'South Wales Police Prevent hub',
  },
  {
    id: 'national-triage-officer',
    name: 'Sam Clarke',
    role: 'police-prevent-officer',
    organisation: 'national-triage',
    organisationName: 'National Prevent triage team',
  },
  {
    id: 'coventry-lead',
    name: 'Helen Ward',
    role: 'local-authority-prevent-lead',
    organisation: 'la:E08000026',
    organisationName: 'Coventry City Council Prevent team',
  },
  {
    id: 'coventry-chair',
    name: 'Marcus Bell',
    role: 'channel-chair',
    organisation: 'la:E08000026',
    organisationName: 'Coventry City Council Prevent team',
  },
  {
    id: 'lichfield-lead',
    name: 'Joanne Pike',
    role: 'local-authority-prevent-lead',
    organisation: 'la:E07000194',
    organisationName: 'Lichfield District Council Prevent team',
  },
  {
    id: 'birmingham-lead',
    name: 'Imran Hussain',
    role: 'local-authority-prevent-lead',
    organisation: 'la:E08000025',
    organisationName: 'Birmingham City Council Prevent team',
  },
  {
    id: 'cardiff-lead',
    name: 'Cerys Evans',
    role: 'local-authority-prevent-lead',
    organisation: 'la:W06000015',
    organisationName: 'Cardiff Council Prevent team',
  },
  {
    id: 'wm-clinician',
    name: 'Dr Nadia Patel',
    role: 'hub-clinician',
    organisation: 'vsh:VSH-WEST-MIDLANDS',
    organisationName: 'West Midlands Vulnerability Support Hub',
  },
  {
    id: 'north-clinician',
    name: 'Dr Owen Grant',
    role: 'hub-clinician',
    organisation: 'vsh:VSH-NORTH',
    organisationName: 'North Vulnerability Support Hub',
  },
  {
    id: 'coventry-teacher',
    name: 'Laura Finch',
    role: 'referrer',
    organisation: 'referrer:coventry-school',
    organisationName: 'A Coventry secondary school',
  },
  {
    id: 'home-office-analyst',
    name: 'Grace Liu',
    role: 'analyst',
    organisation: 'home-office',
    organisationName: 'Home Office (statistics)',
  },
  {
    id: 'coventry-admin',
    name: 'Ruth Okoye',
    role: 'organisation-administrator',
    organisation: 'la:E08000026',
    organisationName: 'Coventry City Council Prevent team',
  },
  {
    id: 'wm-admin',
    name: 'Gareth Mills',
    role: 'organisation-administrator',
    organisation: 'police:E23000014',
    organisationName: 'West Midlands Police Prevent hub',
  },
  {
    id: 'west-midlands-regional-hub',
    name: 'Inspector Helen Rowe',
    role: 'regional-prevent-hub-officer',
    organisation: 'ctp:CTP-WM',
    organisationName: 'Counter Terrorism Policing West Midlands regional Prevent hub',
  },
  {
    id: 'data-protection-officer',
    name: 'Eleanor Shaw',
    role: 'data-protection-officer',
    organisation: 'data-protection',
    organisationName: 'Data protection office',
  },
  {
    id: 'administrator',
    name: 'Platform administrator',
    role: 'administrator',
    organisation: 'platform',
    organisationName: 'Service administration',
  },
];

export function findPersona(id: string): Persona | undefined {
  return personas.find((persona) => persona.id === id);
}
