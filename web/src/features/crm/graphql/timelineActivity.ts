import { graphql } from '../../../__generated__/gql.ts';

/** One entry of an activity timeline (contact, company or deal). */
export const TimelineActivityFragment = graphql(`
  fragment TimelineActivity on Activity {
    id
    type
    status
    subject
    body
    occurredAt
    durationMinutes
    direction
    channel
    loggedBy {
      id
      name
    }
    contact {
      id
      firstName
      lastName
    }
    deal {
      id
      title
    }
  }
`);
