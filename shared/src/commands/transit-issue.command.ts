import { transitIssueSchema } from '../schemas/transit.schema.js';
import { defineCommand } from './define-command.js';

/**
 * A transit certificate (4 or 10 days): queueable, any dealer role. It locks its vehicle: the
 * per-vehicle limits (docs/domain.md#anti-fraud-limits-and-caps) count transits of every
 * licence, so two dealers' batches must not check the same VIN at once.
 */
export const transitIssueCommand = defineCommand({
  type: 'transit.issue',
  payload: transitIssueSchema,
  action: 'transit.issue',
  availability: 'queued',
  issues: ['transit'],
  locks: (payload) => [`vin:${payload.vehicle.vin}`],
});
