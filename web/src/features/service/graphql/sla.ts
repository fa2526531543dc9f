import { graphql } from '../../../__generated__/gql.ts';

/** SLA calendars and policies, in evaluation order. */
export const SlaSettingsDocument = graphql(`
  query SlaSettings {
    slaCalendars(first: 100) {
      nodes {
        id
        name
        timeZone
        alwaysOpen
        hours {
          weekday
          start
          end
        }
        holidays
      }
    }
    slaPolicies(first: 100) {
      nodes {
        id
        name
        position
        active
        priorities
        sources
        vipCompanyIds
        travelling
        firstReplyMinutes
        nextReplyMinutes
        resolutionMinutes
        calendar {
          id
          name
        }
      }
    }
  }
`);

export const CreateSlaCalendarDocument = graphql(`
  mutation CreateSlaCalendar($input: CreateSlaCalendarInput!) {
    createSlaCalendar(input: $input) {
      id
    }
  }
`);

export const CreateSlaPolicyDocument = graphql(`
  mutation CreateSlaPolicy($input: CreateSlaPolicyInput!) {
    createSlaPolicy(input: $input) {
      id
    }
  }
`);
