import { describe, expect, it } from 'vitest';
import { DEAL_STAGES, PIPELINE_TYPES } from '../../subgraphs/crm/src/entities/index.ts';
import { STANDARD_STAGES } from '../../subgraphs/crm/src/services/pipelines.service.ts';
import { stageFor } from '../../subgraphs/crm/src/services/tt-sync.service.ts';

/**
 * Where each of TT-API's 12 deal stages lands in each standard pipeline type. Post-sale stages are
 * sold deals (WON); an unmapped open stage sits in the stage of the nearest earlier TT-API stage.
 */
const EXPECTED: Record<(typeof PIPELINE_TYPES)[number], Record<(typeof DEAL_STAGES)[number], string>> = {
  CORPORATE: {
    LEAD: 'Lead',
    QUALIFIED: 'Qualified',
    PROPOSAL_SENT: 'Proposal sent',
    PROPOSAL_VIEWED: 'Proposal viewed',
    NEGOTIATING: 'Negotiating',
    VERBAL_YES: 'Verbal yes',
    BOOKING_PENDING: 'Booking pending',
    BOOKING_CONFIRMED: 'Won',
    TRAVELING: 'Won',
    COMPLETED: 'Won',
    WON: 'Won',
    LOST: 'Lost',
  },
  GROUP: {
    LEAD: 'Inquiry',
    QUALIFIED: 'Interest gauging',
    PROPOSAL_SENT: 'Proposal sent',
    PROPOSAL_VIEWED: 'Proposal sent',
    NEGOTIATING: 'Minimum reached',
    VERBAL_YES: 'Minimum reached',
    BOOKING_PENDING: 'Deposits collecting',
    BOOKING_CONFIRMED: 'Confirmed',
    TRAVELING: 'Confirmed',
    COMPLETED: 'Confirmed',
    WON: 'Confirmed',
    LOST: 'Cancelled',
  },
  LEISURE: {
    LEAD: 'Inquiry',
    QUALIFIED: 'Consultation',
    PROPOSAL_SENT: 'Itinerary proposed',
    PROPOSAL_VIEWED: 'Itinerary proposed',
    NEGOTIATING: 'Itinerary proposed',
    VERBAL_YES: 'Verbal yes',
    BOOKING_PENDING: 'Deposit pending',
    BOOKING_CONFIRMED: 'Booked',
    TRAVELING: 'Booked',
    COMPLETED: 'Booked',
    WON: 'Booked',
    LOST: 'Lost',
  },
  PARTNERSHIP: {
    LEAD: 'Prospect',
    QUALIFIED: 'In discussion',
    PROPOSAL_SENT: 'Terms proposed',
    PROPOSAL_VIEWED: 'Terms proposed',
    NEGOTIATING: 'Negotiating',
    VERBAL_YES: 'Negotiating',
    BOOKING_PENDING: 'Negotiating',
    BOOKING_CONFIRMED: 'Signed',
    TRAVELING: 'Signed',
    COMPLETED: 'Signed',
    WON: 'Signed',
    LOST: 'Declined',
  },
};

describe('TT-API deal stages in every pipeline type', () => {
  for (const type of PIPELINE_TYPES) {
    for (const ttStage of DEAL_STAGES) {
      it(`${ttStage} lands in ${EXPECTED[type][ttStage]} of a ${type} pipeline`, () => {
        const stage = stageFor(STANDARD_STAGES[type], ttStage);
        expect(stage?.name).toBe(EXPECTED[type][ttStage]);
        const outcome =
          ttStage === 'LOST'
            ? 'LOST'
            : ['BOOKING_CONFIRMED', 'TRAVELING', 'COMPLETED', 'WON'].includes(ttStage)
              ? 'WON'
              : 'OPEN';
        expect(stage?.outcome).toBe(outcome);
      });
    }
  }

  it('places the stages of a custom pipeline by the nearest mapped stage', () => {
    const custom = [
      { name: 'Talking', outcome: 'OPEN' as const, ttDealStage: null },
      { name: 'Quoted', outcome: 'OPEN' as const, ttDealStage: 'PROPOSAL_SENT' as const },
      { name: 'Done', outcome: 'WON' as const, ttDealStage: null },
      { name: 'Gone', outcome: 'LOST' as const, ttDealStage: null },
    ];
    expect(stageFor(custom, 'LEAD')?.name).toBe('Quoted');
    expect(stageFor(custom, 'NEGOTIATING')?.name).toBe('Quoted');
    expect(stageFor(custom, 'TRAVELING')?.name).toBe('Done');
    expect(stageFor(custom, 'LOST')?.name).toBe('Gone');
  });
});
