import { graphql } from '../../../__generated__/gql.ts';

/** Travel's part of the header search: clients, travelers, trips, bookings and trip offerings. */
export const TravelSearchDocument = graphql(`
  query TravelSearch($query: String!, $first: Int) {
    travelSearch(filter: { search: $query }, first: $first) {
      totalCount
      nodes {
        kind
        id
        title
        subtitle
      }
    }
  }
`);
