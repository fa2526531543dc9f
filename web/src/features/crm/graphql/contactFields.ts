import { graphql } from '../../../__generated__/gql.ts';

/** A contact's own fields: what the detail page shows and the edit form starts from. */
export const ContactFieldsFragment = graphql(`
  fragment ContactFields on Contact {
    id
    firstName
    lastName
    email
    phone
    jobTitle
    lifecycleStage
    leadStatus
    leadSource
    contactRole
    leadScore
    address
    city
    country
    tags
    company {
      id
      name
    }
    owner {
      id
      name
    }
    createdAt
    updatedAt
  }
`);
