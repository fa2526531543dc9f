import { graphql } from '../../../__generated__/gql.ts';

/** A company's own fields: what the detail page shows and the edit form starts from. */
export const CompanyFieldsFragment = graphql(`
  fragment CompanyFields on Company {
    id
    name
    domain
    industry
    companyType
    status
    accountTier
    engagementLevel
    leadScore
    annualTravelBudgetCents
    phone
    website
    city
    country
    tags
    owner {
      id
      name
    }
    createdAt
    updatedAt
  }
`);
