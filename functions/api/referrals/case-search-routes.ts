// POST /case-search: find a case by its reference, or by the person's name and date of birth.
// A POST, so that a name and date of birth never sit in a URL (access logs keep URLs). Only cases
// the caller may see are answered; the rest are left out as if they did not exist.
import * as z from 'zod';
import { problems } from '../../http/problem.js';
import { type RouteDefinition, defineRoute } from '../../http/route.js';
import { problemResponse } from '../shared/api-schemas.js';
import { type CaseSearch, CaseSearchRequest, FoundCase } from './case-search.js';

export function createCaseSearchRoutes(deps: { search: CaseSearch }): RouteDefinition[] {
  return [
    defineRoute({
      method: 'POST',
      path: '/case-search',
      operationId: 'findCases',
      summary: "Find cases by reference, or by the person's name and date of birth (caseworkers)",
      tags: ['referrals'],
      access: 'signed-in',
      body: CaseSearchRequest,
      responses: {
        200: {
          description: 'The cases found that the caller may see, newest first (none is not an error)',
          schema: z.object({ cases: z.array(FoundCase) }).meta({ id: 'FoundCases' }),
        },
        403: problemResponse('Only caseworkers search for cases'),
      },
      async handle({ body, viewer, correlationId }) {
        const outcome = await deps.search.find(viewer!, body, correlationId);
        if (!outcome.allowed) throw problems.forbidden('Your role may not search for cases.');
        return { status: 200, body: { cases: outcome.cases } };
      },
    }),
  ];
}
