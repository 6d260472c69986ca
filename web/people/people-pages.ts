// An organisation administrator's own people, in pages: the list, inviting a caseworker (name,
// email, role; check your answers; confirmation), changing a caseworker's role, removing a leaver.
// Every page acts on the administrator's own organisation only, through the people service the
// API uses (`manage-people` decided and recorded; only the casework roles of the organisation's
// kind may be given; a person of another organisation is answered as not there). A change of role
// or a removal revokes the person's access: their own pages' session ends on their next request.
import { caseworkRolesOf, roleAllows } from '../../domain/access/index.js';
import { Invitation, RoleChange } from '../../functions/api/administration/people-routes.js';
import { type PeopleAdministration } from '../../functions/people/people-administration.js';
import { type Person } from '../../functions/people/people-directory.js';
import { type AuthenticatedViewer } from '../../functions/identity/identity.js';
import { readAnswers, type RawAnswers } from '../forms/field-answers.js';
import { type FieldSpec, enumOptions } from '../forms/field-spec.js';
import { type FieldError, checkFields, fieldMessage } from '../forms/field-validation.js';
import { fieldViews } from '../forms/field-view.js';
import { type PageError, pageErrors } from '../http/page-error.js';
import { type PageRequest, type PageResult, type PageRoute, redirect, view } from '../http/page-route.js';
import { viewerOf } from '../http/page-access.js';

const USER_ID = /^[A-Za-z0-9-]{1,128}$/;

const nameField: FieldSpec = { name: 'inviteName', path: 'name', kind: 'text', autocomplete: 'off', width: 20 };
const emailField: FieldSpec = { name: 'inviteEmail', path: 'email', kind: 'email', autocomplete: 'off', width: 20 };
const roleField = (organisation: string): FieldSpec => ({
  name: 'personRole',
  path: 'role',
  kind: 'radios',
  options: enumOptions('caseworkRole', caseworkRolesOf(organisation)),
});

/** The signed-in organisation administrator (anyone else may not manage people: forbidden). */
function administratorOf(request: PageRequest): AuthenticatedViewer {
  const viewer = viewerOf(request.person);
  if (!roleAllows(viewer.role, 'manage-people')) throw pageErrors.forbidden();
  return viewer;
}

function userIdOf(request: PageRequest): string {
  const user = request.params.userId ?? '';
  if (!USER_ID.test(user)) throw pageErrors.notFound();
  return user;
}

/** A refusal no field can answer: the person is not (or no longer) there, or the viewer may not. */
function refusalOf(error: string): PageError {
  return error === 'not-found' ? pageErrors.notFound() : pageErrors.forbidden();
}

/** Only the roles this organisation's people may be given are offered; anything else is not one of them. */
function roleOffered(request: PageRequest, viewer: AuthenticatedViewer, role: unknown): FieldError[] {
  if (caseworkRolesOf(viewer.organisation).includes(role as never)) return [];
  const field = roleField(viewer.organisation);
  return [{ name: field.name, href: '#personRole', text: fieldMessage(field, 'required', request.locale, request.t) }];
}

/** The role chosen is not one the organisation's caseworkers may hold: answered on the role field. */
function roleNotAllowed(request: PageRequest, href: string): FieldError {
  return { name: 'personRole', href, text: request.t('people.invite.roleNotAllowed') };
}

export function createPeoplePages(deps: { people: PeopleAdministration }): PageRoute[] {
  /** The organisation's people (refused as forbidden when the service refuses). */
  async function peopleOf(viewer: AuthenticatedViewer, request: PageRequest): Promise<Person[]> {
    const listed = await deps.people.list(viewer, viewer.organisation, request.correlationId);
    if (!listed.ok) throw pageErrors.forbidden();
    return listed.value;
  }

  /** One enabled caseworker of the administrator's own organisation, or the not-found page. */
  async function personOf(viewer: AuthenticatedViewer, request: PageRequest): Promise<Person> {
    const user = userIdOf(request);
    const person = (await peopleOf(viewer, request)).find((candidate) => candidate.user === user && candidate.enabled);
    if (!person) throw pageErrors.notFound();
    return person;
  }

  function invitePage(request: PageRequest, viewer: AuthenticatedViewer, raw: RawAnswers, errors: FieldError[]) {
    const { t, locale } = request;
    return view(
      'person-form',
      {
        title: t('people.invite.title'),
        fields: fieldViews([nameField, emailField, roleField(viewer.organisation)], raw, errors, locale, t),
        errors,
        action: '/people/invite',
        buttonText: t('common.continue'),
        backLink: '/people',
      },
      errors.length ? 400 : 200,
    );
  }

  function rolePage(
    request: PageRequest,
    viewer: AuthenticatedViewer,
    person: Person,
    raw: RawAnswers,
    errors: FieldError[],
  ) {
    const { t, locale } = request;
    return view(
      'person-form',
      {
        title: t('people.role.title', { name: person.name }),
        fields: fieldViews([roleField(viewer.organisation)], raw, errors, locale, t, {
          headingFor: t('people.role.title', { name: person.name }),
        }),
        hint: t('people.role.signInAgain'),
        errors,
        action: `/people/${person.user}/role`,
        buttonText: t('people.role.button'),
        backLink: '/people',
      },
      errors.length ? 400 : 200,
    );
  }

  const roleText = (request: PageRequest, role: string) => request.t(`options.caseworkRole.${role}`);

  /** What was done, kept for the confirmation page (the invitation, once sent, is forgotten). */
  function done(request: PageRequest, kind: 'invited' | 'role-changed' | 'removed', person: Person): PageResult {
    request.session.update(({ invitation: _settled, ...contents }) => ({
      ...contents,
      peopleDone: { kind, name: person.name, role: person.role },
    }));
    return redirect('/people/done');
  }

  return [
    {
      method: 'GET',
      path: '/people',
      access: 'signed-in',
      async handle(request) {
        const viewer = administratorOf(request);
        const people = await peopleOf(viewer, request);
        return view('people', {
          title: request.t('people.title'),
          people: people.map((person) => ({
            name: person.name,
            email: person.email,
            role: roleText(request, person.role),
            enabled: person.enabled,
            roleHref: `/people/${person.user}/role`,
            removeHref: `/people/${person.user}/remove`,
            auditHref: `/people/${person.user}/access-audit`,
          })),
        });
      },
    },
    {
      method: 'GET',
      path: '/people/invite',
      access: 'signed-in',
      async handle(request) {
        const viewer = administratorOf(request);
        const kept = request.session.contents.invitation;
        const raw: RawAnswers = kept ? { inviteName: kept.name, inviteEmail: kept.email, personRole: kept.role } : {};
        return invitePage(request, viewer, raw, []);
      },
    },
    {
      method: 'POST',
      path: '/people/invite',
      access: 'signed-in',
      async handle(request) {
        const viewer = administratorOf(request);
        const fields = [nameField, emailField, roleField(viewer.organisation)];
        const raw = readAnswers(fields, request.form);
        const { command, errors } = checkFields(fields, raw, Invitation, request.locale, request.t);
        if (errors.length === 0) errors.push(...roleOffered(request, viewer, command.role));
        if (errors.length) return invitePage(request, viewer, raw, errors);
        const invitation = Invitation.parse(command);
        request.session.update((contents) => ({ ...contents, invitation }));
        return redirect('/people/invite/check');
      },
    },
    {
      method: 'GET',
      path: '/people/invite/check',
      access: 'signed-in',
      async handle(request) {
        administratorOf(request);
        const invitation = request.session.contents.invitation;
        if (!invitation) return redirect('/people/invite');
        return checkPage(request, invitation, []);
      },
    },
    {
      method: 'POST',
      path: '/people/invite/check',
      access: 'signed-in',
      async handle(request) {
        const viewer = administratorOf(request);
        const invitation = request.session.contents.invitation;
        if (!invitation) return redirect('/people/invite');
        const outcome = await deps.people.invite(viewer, viewer.organisation, invitation, request.correlationId);
        if (!outcome.ok) {
          if (outcome.error === 'already-exists')
            return checkPage(request, invitation, [
              {
                name: 'inviteEmail',
                href: '/people/invite#inviteEmail',
                text: request.t('people.invite.alreadyExists'),
              },
            ]);
          if (outcome.error === 'role-not-allowed')
            return checkPage(request, invitation, [roleNotAllowed(request, '/people/invite#personRole')]);
          throw refusalOf(outcome.error);
        }
        return done(request, 'invited', outcome.value);
      },
    },
    {
      method: 'GET',
      path: '/people/done',
      access: 'signed-in',
      async handle(request) {
        administratorOf(request);
        const done = request.session.contents.peopleDone;
        if (!done) return redirect('/people');
        const { t } = request;
        return view('people-done', {
          title: t(`people.done.${done.kind}.title`),
          body: t(`people.done.${done.kind}.body`, { name: done.name, role: roleText(request, done.role) }),
        });
      },
    },
    {
      method: 'GET',
      path: '/people/{userId}/role',
      access: 'signed-in',
      async handle(request) {
        const viewer = administratorOf(request);
        const person = await personOf(viewer, request);
        return rolePage(request, viewer, person, { personRole: person.role }, []);
      },
    },
    {
      method: 'POST',
      path: '/people/{userId}/role',
      access: 'signed-in',
      async handle(request) {
        const viewer = administratorOf(request);
        const person = await personOf(viewer, request);
        const field = roleField(viewer.organisation);
        const raw = readAnswers([field], request.form);
        const { command, errors } = checkFields([field], raw, RoleChange, request.locale, request.t);
        if (errors.length === 0) errors.push(...roleOffered(request, viewer, command.role));
        if (errors.length) return rolePage(request, viewer, person, raw, errors);
        const { role } = RoleChange.parse(command);
        const outcome = await deps.people.setRole(
          viewer,
          viewer.organisation,
          person.user,
          role,
          request.correlationId,
        );
        if (!outcome.ok) {
          if (outcome.error === 'role-not-allowed')
            return rolePage(request, viewer, person, raw, [roleNotAllowed(request, '#personRole')]);
          throw refusalOf(outcome.error);
        }
        return done(request, 'role-changed', outcome.value);
      },
    },
    {
      method: 'GET',
      path: '/people/{userId}/remove',
      access: 'signed-in',
      async handle(request) {
        const viewer = administratorOf(request);
        const person = await personOf(viewer, request);
        return view('person-remove', {
          title: request.t('people.remove.title', { name: person.name }),
          action: `/people/${person.user}/remove`,
          backLink: '/people',
        });
      },
    },
    {
      method: 'POST',
      path: '/people/{userId}/remove',
      access: 'signed-in',
      async handle(request) {
        const viewer = administratorOf(request);
        const person = await personOf(viewer, request);
        const outcome = await deps.people.remove(viewer, viewer.organisation, person.user, request.correlationId);
        if (!outcome.ok) throw refusalOf(outcome.error);
        return done(request, 'removed', outcome.value);
      },
    },
  ];

  function checkPage(
    request: PageRequest,
    invitation: { name: string; email: string; role: string },
    errors: FieldError[],
  ): PageResult {
    const { t } = request;
    return view(
      'people-check',
      {
        title: t('people.check.title'),
        errors,
        rows: [
          {
            key: t('fields.inviteName.label'),
            value: invitation.name,
            href: '/people/invite#inviteName',
            hidden: t('people.check.hidden.name'),
          },
          {
            key: t('fields.inviteEmail.label'),
            value: invitation.email,
            href: '/people/invite#inviteEmail',
            hidden: t('people.check.hidden.email'),
          },
          {
            key: t('fields.personRole.label'),
            value: roleText(request, invitation.role),
            href: '/people/invite#personRole',
            hidden: t('people.check.hidden.role'),
          },
        ],
        backLink: '/people/invite',
      },
      errors.length ? 400 : 200,
    );
  }
}
