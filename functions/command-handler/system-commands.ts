// The commands the service issues itself (routing, delivery), run through the command handler
// with a deterministic command id, so a replayed stream record or a redelivered message records
// nothing twice. A refusal by the decider is raised as SystemCommandRefused with its code.
import { type ReferralCommand } from '../../domain/referral/commands.js';
import { type ReferralError, type ReferralErrorCode } from '../../domain/referral/errors.js';
import { type CommandHandler } from './command-handler.js';

export interface SystemCommandMeta {
  commandId: string;
  correlationId: string;
  causationId: string | null;
}

export interface SystemCommandResult {
  /** Events appended by this run; 0 when there was nothing to record or the command ran before. */
  recorded: number;
}

export interface SystemCommands {
  run(streamId: string, command: ReferralCommand, meta: SystemCommandMeta): Promise<SystemCommandResult>;
}

export class SystemCommandRefused extends Error {
  constructor(
    readonly code: ReferralErrorCode,
    readonly commandType: string,
    detail: string,
  ) {
    super(`${commandType} was refused (${code}): ${detail}`);
    this.name = 'SystemCommandRefused';
  }
}

/** The system commands run through the referral's command handler (load -> decide -> append). */
export function referralSystemCommands(handler: CommandHandler<ReferralCommand, ReferralError>): SystemCommands {
  return {
    async run(streamId, command, meta) {
      const result = await handler.handle({
        streamId,
        commandId: meta.commandId,
        command,
        correlationId: meta.correlationId,
        causationId: meta.causationId,
      });
      if (!result.ok) throw new SystemCommandRefused(result.error.code, command.type, result.error.message);
      return { recorded: result.replayed ? 0 : result.eventCount };
    },
  };
}
