// The police ask the referrer for more information, and the referrer answers. One question waits
// for an answer at a time, so the referrer's page shows exactly one and an answer cannot land on
// a question the referrer never saw. A closed or erased case accepts neither (decide.ts).
import { type CommandOf } from '../commands.js';
import { type ReferralState } from '../state.js';
import { type ReferralDecision, accept, reject } from './decision.js';

export function decideMoreInformationRequest(
  command: CommandOf<'RequestMoreInformation'>,
  state: ReferralState,
): ReferralDecision {
  if (command.actor.role !== 'police-prevent-officer') return reject('police-asks-referrer');
  if (state.moreInformation.awaitingAnswer !== null) return reject('question-awaiting-answer');
  return accept({
    type: 'MoreInformationRequested',
    data: { requestNumber: state.moreInformation.requests + 1 },
    personal: command.personal,
  });
}

export function decideReferrerAnswer(
  command: CommandOf<'AnswerMoreInformation'>,
  state: ReferralState,
): ReferralDecision {
  if (command.actor.role !== 'referrer') return reject('referrer-only');
  const { awaitingAnswer, requests } = state.moreInformation;
  if (command.requestNumber === awaitingAnswer) {
    return accept({
      type: 'ReferrerAnswered',
      data: { requestNumber: command.requestNumber },
      personal: command.personal,
    });
  }
  if (command.requestNumber <= requests) return reject('question-already-answered');
  return reject('no-question-awaiting-answer');
}
