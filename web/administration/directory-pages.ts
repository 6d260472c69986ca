// The directory in pages, for platform administrators: every destination organisation (filtered
// by kind and name), one organisation with its history of changes (who, when, what and why), and
// a change (onboarding a council, its mailbox, its sharing policy, its Channel panel, who assesses
// a region's referrals) asked on a form, previewed on a check page with what it will do (which districts move, which queue, what happens to the open
// cases), then confirmed. The pages run on the administration API's services: the same access
// check ('manage-organisations', refusals recorded), the same decider and idempotency.
import * as z from 'zod';
import { type ChangeEffect } from '../../domain/organisation/change-preview.js';
import { channelPanelIsCoherent, sameChannelPanel } from '../../domain/organisation/channel-panel.js';
import { type DirectoryHistoryEntry } from '../../domain/organisation/history.js';
import {
  DESTINATION_KINDS,
  SHARING_POLICIES,
  SharingPolicy,
  sharingPolicyAlwaysOnSubmission,
} from '../../domain/routing/directory.js';
import { ChannelPanel, DirectoryChangeReason, GatewayAssessor } from '../../events/organisation.js';
import { type ApiServices } from '../../functions/api/api.js';
import { auditSubject } from '../../functions/audit/access-audit.js';
import { type ListedOrganisation } from '../../functions/organisations/directory-overlay.js';
import { formatDateTime, listText } from '../forms/answer-text.js';
import { type RawAnswers, readAnswers } from '../forms/field-answers.js';
import { type FieldSpec, enumOptions } from '../forms/field-spec.js';
import { fieldViews } from '../forms/field-view.js';
import { type FieldError, checkFields } from '../forms/field-validation.js';
import { requirePageAccess, viewerOf } from '../http/page-access.js';
import { pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageRoute, redirect, view } from '../http/page-route.js';
import { type Translator } from '../i18n/translator.js';

const BASE = '/administration/organisations';
const ORGANISATION_ID = /^(police|la|vsh|ctp):[A-Za-z0-9-]{1,20}$|^national-triage$/;

/** What the change form asks, validated by the same rules as the API's body. */
const ChangeAnswers = z.object({
  mailbox: z.email().max(254),
  onboarded: z.boolean(),
  sharing: SharingPolicy,
  assessedBy: GatewayAssessor,
  channelPanel: ChannelPanel,
  reason: DirectoryChangeReason,
});

const mailboxField: FieldSpec = { name: 'directoryMailbox', path: 'mailbox', kind: 'email', autocomplete: 'off' };
const onboardedField: FieldSpec = { name: 'directoryOnboarded', path: 'onboarded', kind: 'yes-no' };
const sharingField: FieldSpec = {
  name: 'directorySharing',
  path: 'sharing',
  kind: 'radios',
  options: enumOptions('sharingPolicy', SHARING_POLICIES),
};
/** A regional hub's region: who makes the gateway assessment of its referrals (decision 0018). */
const assessedByField: FieldSpec = {
  name: 'directoryAssessedBy',
  path: 'assessedBy',
  kind: 'radios',
  options: enumOptions('gatewayAssessor', GatewayAssessor.options),
};
const reasonField: FieldSpec = { name: 'directoryReason', path: 'reason', kind: 'textarea' };
/** A council's Channel panel (decision 0017): own or joint (with which councils), its chair's role, its mailbox. */
const panelArrangementField: FieldSpec = {
  name: 'directoryPanelArrangement',
  path: 'channelPanel.arrangement',
  kind: 'radios',
  options: enumOptions('panelArrangement', ChannelPanel.shape.arrangement.options),
};
const panelJointWithField: FieldSpec = {
  name: 'directoryPanelJointWith',
  path: 'channelPanel.jointWith',
  kind: 'list',
  width: 20,
};
const panelChairField: FieldSpec = { name: 'directoryPanelChair', path: 'channelPanel.chairRole', kind: 'text' };
const panelMailboxField: FieldSpec = {
  name: 'directoryPanelMailbox',
  path: 'channelPanel.mailbox',
  kind: 'email',
  autocomplete: 'off',
};
const panelFields = [panelArrangementField, panelJointWithField, panelChairField, panelMailboxField];

/** The questions for this kind of organisation: only councils leave the service; police hubs and triage always receive referrals whole. */
function fieldsFor(organisation: ListedOrganisation): FieldSpec[] {
  return [
    mailboxField,
    ...(organisation.kind === 'local-authority-prevent-team' ? [onboardedField] : []),
    ...(sharingPolicyAlwaysOnSubmission(organisation.kind) ? [] : [sharingField]),
    ...(organisation.kind === 'regional-prevent-hub' ? [assessedByField] : []),
    ...(organisation.kind === 'local-authority-prevent-team' ? panelFields : []),
    reasonField,
  ];
}

type Requested = {
  mailbox?: string;
  onboarded?: boolean;
  sharing?: SharingPolicy;
  assessedBy?: GatewayAssessor;
  channelPanel?: ChannelPanel;
};

/** The councils of the directory by id, for naming a joint panel's councils (by their name or code). */
type CouncilNames = ReadonlyMap<string, string>;

async function councilNames(services: ApiServices): Promise<CouncilNames> {
  const listed = await services.directory.directory.list();
  return new Map(
    listed
      .filter((organisation) => organisation.kind === 'local-authority-prevent-team')
      .map((organisation) => [organisation.id, organisation.name]),
  );
}

/** A council's shorter name, as a person types it ("Lichfield District Council", without "Prevent team"). */
function councilName(name: string): string {
  return name.replace(/ Prevent team$/i, '');
}

/** Each entry of the joint-panel answer as a council id, by its code or its name; the entries that name no council. */
function resolveCouncils(entries: readonly string[], councils: CouncilNames): { ids: string[]; unknown: number } {
  const byName = new Map<string, string>();
  for (const [id, name] of councils) {
    byName.set(name.toLowerCase(), id);
    byName.set(councilName(name).toLowerCase(), id);
  }
  const ids: string[] = [];
  let unknown = 0;
  for (const entry of entries) {
    const id = councils.has(entry) ? entry : byName.get(entry.toLowerCase());
    if (id) ids.push(id);
    else unknown += 1;
  }
  return { ids, unknown };
}

function settingText(field: string, value: unknown, t: Translator, councils?: CouncilNames): string {
  if (field === 'onboarded') return value ? t('directory.onService') : t('directory.notOnService');
  if (field === 'sharing') return t(`options.sharingPolicy.${String(value)}`);
  if (field === 'assessedBy') return t(`options.gatewayAssessor.${String(value)}`);
  if (field === 'channelPanel') return panelText(value as ChannelPanel | null, t, councils);
  return String(value);
}

/** A council's Channel panel in words: own or joint (with which councils), its chair's role, its mailbox. */
function panelText(panel: ChannelPanel | null, t: Translator, councils?: CouncilNames): string {
  if (!panel) return t('directory.noPanel');
  const named = panel.jointWith.map((id) => {
    const name = councils?.get(id);
    return name ? councilName(name) : id;
  });
  return t(panel.arrangement === 'joint' ? 'directory.panelJoint' : 'directory.panelOwn', {
    councils: listText(named, t),
    chair: panel.chairRole,
    mailbox: panel.mailbox,
  });
}

function effectText(effect: ChangeEffect, t: Translator): string {
  switch (effect.kind) {
    case 'districts-join':
      return t(effect.policeForce ? 'directory.effects.districtsJoin' : 'directory.effects.districtsJoinNoForce', {
        districts: listText(effect.districts, t),
        queue: effect.queueName,
        policeForce: effect.policeForce ?? '',
      });
    case 'queue-awaits-deployment':
      return t('directory.effects.queueAwaitsDeployment', {
        queue: effect.queueName,
        policeForce: effect.policeForce ?? t('directory.thePoliceForce'),
      });
    case 'districts-leave':
      return t('directory.effects.districtsLeave', {
        districts: listText(effect.districts, t),
        policeForce: effect.policeForce ?? t('directory.thePoliceForce'),
      });
    case 'open-cases-stay':
      return t('directory.effects.openCasesStay');
    case 'open-cases-kept-until-closed':
      return t('directory.effects.openCasesKept', { count: effect.count });
    case 'mailbox-moves':
      return t('directory.effects.mailboxMoves', { from: effect.from, to: effect.to });
    case 'sharing-changes':
      return t('directory.effects.sharingChanges', {
        to: t(`options.sharingPolicy.${effect.to}`),
        count: effect.openCases,
      });
    case 'assessment-changes':
      return effect.to === 'regional-hub'
        ? t(effect.queueExists ? 'directory.effects.assessedByHub' : 'directory.effects.assessedByHubNoQueue', {
            forces: listText(effect.forces, t),
            queue: effect.queueName,
          })
        : t('directory.effects.assessedByForces', { forces: listText(effect.forces, t), count: effect.openCases });
    case 'panel-changes':
      return t('directory.effects.panelChanges');
    case 'nothing-changes':
      return t('directory.effects.nothingChanges');
  }
}

function historyRows(history: readonly DirectoryHistoryEntry[], request: PageRequest, councils: CouncilNames) {
  const { t, locale } = request;
  return history.map((entry) => ({
    when: formatDateTime(entry.at, locale, t),
    who: t('directory.historyWho', { user: entry.actor.user, role: t(`options.role.${entry.actor.role}`) }),
    changes: entry.changes.map((change) =>
      t('directory.historyChange', {
        field: t(`directory.fields.${change.field}`),
        from: settingText(change.field, change.from, t, councils),
        to: settingText(change.field, change.to, t, councils),
      }),
    ),
    reason: entry.reason ?? t('directory.noReasonRecorded'),
  }));
}

export function createDirectoryPages(deps: {
  services: ApiServices;
  clock: () => Date;
  newKey: () => string;
}): PageRoute[] {
  const { services } = deps;

  /** The organisation named in the path, once the guard allowed its administration (refusals recorded). */
  async function administered(request: PageRequest): Promise<ListedOrganisation> {
    const organisationId = request.params.organisationId ?? '';
    if (!ORGANISATION_ID.test(organisationId)) throw pageErrors.notFound();
    await allowed(request, organisationId);
    await services.directory.directory.refresh({ force: true });
    const organisation = await services.directory.directory.get(organisationId);
    if (!organisation) throw pageErrors.notFound();
    return organisation;
  }

  async function allowed(request: PageRequest, subject: string): Promise<void> {
    await requirePageAccess(services.guard, {
      viewer: viewerOf(request.person),
      action: 'manage-organisations',
      subject: auditSubject('organisation', subject),
      correlationId: request.correlationId,
      recordAllowed: false,
    });
  }

  function formPage(request: PageRequest, organisation: ListedOrganisation, raw: RawAnswers, errors: FieldError[]) {
    const { t, locale } = request;
    return view(
      'directory-change',
      {
        title: t('directory.changeTitle', { name: organisation.name }),
        caption: t(`directory.kinds.${organisation.kind}`),
        fields: fieldViews(fieldsFor(organisation), raw, errors, locale, t),
        errors,
        action: `${BASE}/${encodeURIComponent(organisation.id)}/change`,
        backLink: `${BASE}/${encodeURIComponent(organisation.id)}`,
      },
      errors.length > 0 ? 400 : 200,
    );
  }

  function currentAnswers(organisation: ListedOrganisation, councils: CouncilNames): RawAnswers {
    const panel = organisation.channelPanel;
    return {
      directoryMailbox: organisation.mailbox,
      directoryOnboarded: organisation.onboarded ? 'yes' : 'no',
      directorySharing: organisation.sharing,
      directoryAssessedBy: organisation.assessedBy,
      ...(panel
        ? {
            directoryPanelArrangement: panel.arrangement,
            directoryPanelJointWith: panel.jointWith.map((id) => councilName(councils.get(id) ?? id)).join(', '),
            directoryPanelChair: panel.chairRole,
            directoryPanelMailbox: panel.mailbox,
          }
        : {}),
    };
  }

  /**
   * The Channel panel asked on a council's form: none when its questions are left empty and no panel
   * is recorded yet (the change is about something else); otherwise all four answered, the councils
   * of a joint panel named by their name or code, checked as the decider checks them.
   */
  function checkPanel(
    request: PageRequest,
    organisation: ListedOrganisation,
    raw: RawAnswers,
    councils: CouncilNames,
  ): { panel?: ChannelPanel; errors: FieldError[] } {
    if (organisation.kind !== 'local-authority-prevent-team') return { errors: [] };
    const answered = panelFields.some((field) => String(raw[field.name] ?? '').trim() !== '');
    if (!answered && !organisation.channelPanel) return { errors: [] };
    const entries = String(raw[panelJointWithField.name] ?? '')
      .split(/[,\n]/)
      .map((entry) => entry.trim())
      .filter(Boolean);
    const { ids, unknown } = resolveCouncils(entries, councils);
    const resolved = { ...raw, [panelJointWithField.name]: ids.join(',') };
    const { command, errors } = checkFields(panelFields, resolved, ChangeAnswers, request.locale, request.t);
    const jointError = (key: string): FieldError => ({
      name: panelJointWithField.name,
      href: `#${panelJointWithField.name}`,
      text: request.t(`fields.${panelJointWithField.name}.errors.${key}`),
    });
    if (unknown > 0)
      return { errors: [...errors.filter((e) => e.name !== panelJointWithField.name), jointError('unknown')] };
    if (errors.length > 0) return { errors };
    const panel = (command as { channelPanel: ChannelPanel }).channelPanel;
    if (!channelPanelIsCoherent(organisation.id, panel)) {
      const key = panel.jointWith.includes(organisation.id)
        ? 'itself'
        : panel.arrangement === 'own'
          ? 'ownNamesNone'
          : new Set(panel.jointWith).size !== panel.jointWith.length
            ? 'twice'
            : 'jointNamesCouncils';
      return { errors: [jointError(key)] };
    }
    return { panel, errors: [] };
  }

  return [
    {
      method: 'GET',
      path: BASE,
      access: 'signed-in',
      async handle(request) {
        await allowed(request, 'directory');
        await services.directory.directory.refresh({ force: true });
        const { t } = request;
        const kind = DESTINATION_KINDS.find((candidate) => candidate === request.query.get('kind'));
        const name = (request.query.get('name') ?? '').trim().slice(0, 100);
        const listed = (await services.directory.directory.list())
          .filter((organisation) => !kind || organisation.kind === kind)
          .filter((organisation) => !name || organisation.name.toLowerCase().includes(name.toLowerCase()))
          .sort((a, b) => a.name.localeCompare(b.name));
        return view('directory', {
          title: t('directory.title'),
          name,
          kindOptions: [
            { value: '', text: t('directory.allKinds'), selected: !kind },
            ...DESTINATION_KINDS.map((value) => ({
              value,
              text: t(`directory.kinds.${value}`),
              selected: value === kind,
            })),
          ],
          count: t('directory.count', { count: listed.length }),
          rows: listed.map((organisation) => ({
            href: `${BASE}/${encodeURIComponent(organisation.id)}`,
            name: organisation.name,
            kind: t(`directory.kinds.${organisation.kind}`),
            onService: organisation.onboarded ? t('directory.onService') : t('directory.notOnService'),
            receives: organisation.receivesReferrals,
            sharing: t(`options.sharingPolicy.${organisation.sharing}`),
          })),
        });
      },
    },
    {
      method: 'GET',
      path: `${BASE}/{organisationId}`,
      access: 'signed-in',
      async handle(request) {
        const organisation = await administered(request);
        const { t, locale } = request;
        const history = (await services.directory.organisations.history(organisation.id)) ?? [];
        const councils = await councilNames(services);
        const changed = request.session.contents.directoryChanged;
        if (changed?.organisationId === organisation.id)
          request.session.update(({ directoryChanged: _shown, ...rest }) => rest);
        return view('directory-organisation', {
          title: organisation.name,
          caption: t(`directory.kinds.${organisation.kind}`),
          backLink: BASE,
          banner: changed?.organisationId === organisation.id ? t('directory.changedBanner') : null,
          rows: [
            { key: t('directory.fields.mailbox'), value: organisation.mailbox },
            {
              key: t('directory.fields.onboarded'),
              value: organisation.onboarded ? t('directory.onService') : t('directory.notOnService'),
            },
            {
              key: t('directory.fields.receives'),
              value: organisation.receivesReferrals ? t('common.yes') : t('directory.notYet'),
            },
            { key: t('directory.fields.sharing'), value: t(`options.sharingPolicy.${organisation.sharing}`) },
            ...(organisation.kind === 'regional-prevent-hub'
              ? [
                  {
                    key: t('directory.fields.assessedBy'),
                    value: t(`options.gatewayAssessor.${organisation.assessedBy}`),
                  },
                ]
              : []),
            ...(organisation.kind === 'local-authority-prevent-team'
              ? [{ key: t('directory.fields.channelPanel'), value: panelText(organisation.channelPanel, t, councils) }]
              : []),
            { key: t('directory.fields.queue'), value: organisation.queueName },
            { key: t('directory.fields.covers'), value: organisation.covers.join(', ') || t('common.none') },
            {
              key: t('directory.fields.changedAt'),
              value: organisation.changedAt
                ? formatDateTime(organisation.changedAt, locale, t)
                : t('directory.neverChanged'),
            },
          ],
          changeHref: `${BASE}/${encodeURIComponent(organisation.id)}/change`,
          history: historyRows(history, request, councils),
        });
      },
    },
    {
      method: 'GET',
      path: `${BASE}/{organisationId}/change`,
      access: 'signed-in',
      async handle(request) {
        const organisation = await administered(request);
        const draft = request.session.contents.directoryChange;
        const raw =
          draft?.organisationId === organisation.id
            ? { ...draft.answers }
            : currentAnswers(organisation, await councilNames(services));
        return formPage(request, organisation, raw, []);
      },
    },
    {
      method: 'POST',
      path: `${BASE}/{organisationId}/change`,
      access: 'signed-in',
      async handle(request) {
        const organisation = await administered(request);
        const fields = fieldsFor(organisation);
        const raw = readAnswers(fields, request.form);
        const councils = await councilNames(services);
        const settings = fields.filter((field) => !panelFields.includes(field));
        const { command, errors: settingErrors } = checkFields(settings, raw, ChangeAnswers, request.locale, request.t);
        const { panel, errors: panelErrors } = checkPanel(request, organisation, raw, councils);
        const order = (error: FieldError) => fields.findIndex((field) => field.name === error.name);
        const errors = [...settingErrors, ...panelErrors].sort((a, b) => order(a) - order(b));
        if (errors.length > 0) return formPage(request, organisation, raw, errors);
        const answers = command as Partial<z.infer<typeof ChangeAnswers>>;
        const requested: Requested = {
          ...(answers.mailbox !== undefined && answers.mailbox !== organisation.mailbox
            ? { mailbox: answers.mailbox }
            : {}),
          ...(answers.onboarded !== undefined && answers.onboarded !== organisation.onboarded
            ? { onboarded: answers.onboarded }
            : {}),
          ...(answers.sharing !== undefined && answers.sharing !== organisation.sharing
            ? { sharing: answers.sharing }
            : {}),
          ...(answers.assessedBy !== undefined && answers.assessedBy !== organisation.assessedBy
            ? { assessedBy: answers.assessedBy }
            : {}),
          ...(panel && !sameChannelPanel(organisation.channelPanel, panel)
            ? { channelPanel: { ...panel, jointWith: [...panel.jointWith].sort() } }
            : {}),
        };
        if (Object.keys(requested).length === 0) {
          const unchanged = [{ name: '', href: `#${mailboxField.name}`, text: request.t('directory.nothingChanged') }];
          return formPage(request, organisation, raw, unchanged);
        }
        request.session.update((contents) => ({
          ...contents,
          directoryChange: {
            organisationId: organisation.id,
            answers: Object.fromEntries(
              Object.entries(raw).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])),
            ),
            requested,
            reason: String(answers.reason),
            key: deps.newKey(),
          },
        }));
        return redirect(`${BASE}/${encodeURIComponent(organisation.id)}/change/check`);
      },
    },
    {
      method: 'GET',
      path: `${BASE}/{organisationId}/change/check`,
      access: 'signed-in',
      async handle(request) {
        const organisation = await administered(request);
        const draft = request.session.contents.directoryChange;
        const back = `${BASE}/${encodeURIComponent(organisation.id)}/change`;
        if (draft?.organisationId !== organisation.id) return redirect(back);
        const { t } = request;
        const effects = (await services.directory.preview.preview(organisation.id, draft.requested)) ?? [];
        const councils = await councilNames(services);
        const current = {
          mailbox: organisation.mailbox,
          onboarded: organisation.onboarded,
          sharing: organisation.sharing,
          assessedBy: organisation.assessedBy,
          channelPanel: organisation.channelPanel,
        };
        return view('directory-check', {
          title: t('directory.checkTitle'),
          caption: organisation.name,
          backLink: back,
          changes: Object.entries(draft.requested).map(([field, to]) => ({
            key: t(`directory.fields.${field}`),
            value: t('directory.fromTo', {
              from: settingText(field, current[field as keyof typeof current], t, councils),
              to: settingText(field, to, t, councils),
            }),
            href: back,
          })),
          reason: draft.reason,
          effects: effects.map((effect) => effectText(effect, t)),
          action: `${back}/check`,
        });
      },
    },
    {
      method: 'POST',
      path: `${BASE}/{organisationId}/change/check`,
      access: 'signed-in',
      async handle(request) {
        const organisation = await administered(request);
        const draft = request.session.contents.directoryChange;
        const back = `${BASE}/${encodeURIComponent(organisation.id)}/change`;
        if (draft?.organisationId !== organisation.id) return redirect(back);
        const person = viewerOf(request.person);
        const result = await services.directory.organisations.change({
          organisationId: organisation.id,
          requested: draft.requested,
          reason: draft.reason,
          actor: { organisation: person.organisation, user: person.user, role: person.role },
          commandId: `web:${person.organisation}:${person.user}:${draft.key}`,
          correlationId: request.correlationId,
          at: deps.clock().toISOString(),
        });
        if (!result.ok) {
          if (result.error === 'unknown-organisation') throw pageErrors.notFound();
          if (result.error === 'command-id-reused') throw pageErrors.badForm();
          const refused = [
            { name: '', href: `#${mailboxField.name}`, text: request.t(`directory.refused.${result.error.code}`) },
          ];
          return formPage(request, organisation, draft.answers, refused);
        }
        request.session.update(({ directoryChange: _done, ...rest }) => ({
          ...rest,
          directoryChanged: { organisationId: organisation.id },
        }));
        await services.directory.directory.refresh({ force: true });
        return redirect(`${BASE}/${encodeURIComponent(organisation.id)}`);
      },
    },
  ];
}
