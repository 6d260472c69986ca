// The directory's recorded changes as a small read model: one item per organisation an
// administrator changed, holding the details after its latest change and the stream version they
// come from. All of them sit in one partition of the read-models table, so the whole overlay is
// one query (the directory has a few hundred organisations at most).
import { ConditionalCheckFailedException, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { partitionItems } from '../read-models/partition-items.js';
import * as z from 'zod';
import { DestinationDetails } from '../../domain/organisation/decider.js';
import { SharingPolicy } from '../../domain/routing/directory.js';
import { ChannelPanel, GatewayAssessor } from '../../events/organisation.js';

export const DIRECTORY_CHANGES_PARTITION = 'directory#changes';

export const DirectoryChange = DestinationDetails.extend({
  organisationId: z.string(),
  /** The organisation stream's version these details come from. */
  version: z.number().int().positive(),
  changedAt: z.string(),
});
export type DirectoryChange = z.infer<typeof DirectoryChange>;

export const SharingChange = z.object({
  organisationId: z.string(),
  sharing: SharingPolicy,
  version: z.number().int().positive(),
  changedAt: z.string(),
});
export type SharingChange = z.infer<typeof SharingChange>;

export const AssessmentChange = z.object({
  organisationId: z.string(),
  assessedBy: GatewayAssessor,
  version: z.number().int().positive(),
  changedAt: z.string(),
});
export type AssessmentChange = z.infer<typeof AssessmentChange>;

export const PanelChange = z.object({
  organisationId: z.string(),
  panel: ChannelPanel,
  version: z.number().int().positive(),
  changedAt: z.string(),
});
export type PanelChange = z.infer<typeof PanelChange>;

/**
 * The settings recorded one by one beside the details, in the same partition, each under its own
 * sort key (its prefix and the organisation) and version, in the item's own field: a sharing
 * policy, a region's gateway assessor (on its regional hub) and a council's Channel panel.
 */
const SETTINGS = {
  sharing: { keyPrefix: 'sharing#', schema: SharingChange },
  assessment: { keyPrefix: 'assessment#', schema: AssessmentChange },
  panel: { keyPrefix: 'panel#', schema: PanelChange },
} as const;

/** One setting's change, named by the item field that holds it. */
export type SettingChange =
  | { setting: 'sharing'; change: SharingChange }
  | { setting: 'assessment'; change: AssessmentChange }
  | { setting: 'panel'; change: PanelChange };

export interface DirectoryChanges {
  /** Every organisation's latest recorded details. */
  all(): Promise<DirectoryChange[]>;
  /** Records a change unless a later one is already recorded (stream records may come again, or late). */
  record(change: DirectoryChange): Promise<void>;
  /** Every organisation's latest recorded sharing policy. */
  sharingPolicies(): Promise<SharingChange[]>;
  /** Every region's latest recorded gateway assessor (on its regional hub). */
  assessments(): Promise<AssessmentChange[]>;
  /** Every council's latest recorded Channel panel. */
  channelPanels(): Promise<PanelChange[]>;
  /** Records a sharing policy, gateway assessor or Channel panel unless a later one is already recorded. */
  recordSetting(setting: SettingChange): Promise<void>;
}

/** Every item's `field` of the partition that holds one, checked. */
async function recorded<T>(
  deps: { client: DynamoDBClient; tableName: string },
  field: 'change' | 'sharing' | 'assessment' | 'panel',
  schema: z.ZodType<T>,
): Promise<T[]> {
  const found: T[] = [];
  for await (const item of partitionItems(deps.client, deps.tableName, DIRECTORY_CHANGES_PARTITION, {
    consistentRead: true,
  })) {
    if (item[field] !== undefined) found.push(schema.parse(item[field]));
  }
  return found;
}

async function putUnlessLater(
  deps: { client: DynamoDBClient; tableName: string },
  sk: string,
  version: number,
  item: Record<string, unknown>,
): Promise<void> {
  try {
    await deps.client.send(
      new PutItemCommand({
        TableName: deps.tableName,
        Item: marshall({ pk: DIRECTORY_CHANGES_PARTITION, sk, version, ...item }),
        ConditionExpression: 'attribute_not_exists(pk) OR version < :version',
        ExpressionAttributeValues: marshall({ ':version': version }),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return; // a later (or the same) change is already recorded
    throw error;
  }
}

export function createDirectoryChanges(deps: { client: DynamoDBClient; tableName: string }): DirectoryChanges {
  return {
    all: () => recorded(deps, 'change', DirectoryChange),
    async record(change) {
      const parsed = DirectoryChange.parse(change);
      await putUnlessLater(deps, parsed.organisationId, parsed.version, { change: parsed });
    },
    sharingPolicies: () => recorded(deps, 'sharing', SETTINGS.sharing.schema),
    assessments: () => recorded(deps, 'assessment', SETTINGS.assessment.schema),
    channelPanels: () => recorded(deps, 'panel', SETTINGS.panel.schema),
    async recordSetting({ setting, change }) {
      const { keyPrefix, schema } = SETTINGS[setting];
      const parsed = (schema as z.ZodType<{ organisationId: string; version: number }>).parse(change);
      await putUnlessLater(deps, `${keyPrefix}${parsed.organisationId}`, parsed.version, { [setting]: parsed });
    },
  };
}
