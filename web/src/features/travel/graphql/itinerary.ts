import { graphql } from '../../../__generated__/gql.ts';

export const ItineraryFieldsFragment = graphql(`
  fragment ItineraryFields on Itinerary {
    id
    title
    publishedVersion
    publishedAt
    publicUrl
    pdfUrl
    entries(first: 100) {
      totalCount
      nodes {
        id
        day
        kind
        title
        description
        location
        startTime
        endTime
        timeZone
        supplier
        confirmationNumber
        booked
      }
    }
  }
`);

export const TripItineraryDocument = graphql(`
  query TripItinerary($clientTripId: ID!) {
    clientTrip(id: $clientTripId) {
      id
      name
    }
    itinerary(clientTripId: $clientTripId) {
      ...ItineraryFields
    }
  }
`);

export const CreateItineraryDocument = graphql(`
  mutation CreateItinerary($input: CreateItineraryInput!) {
    createItinerary(input: $input) {
      ...ItineraryFields
    }
  }
`);

export const SaveItineraryEntriesDocument = graphql(`
  mutation SaveItineraryEntries($input: SaveItineraryEntriesInput!) {
    saveItineraryEntries(input: $input) {
      ...ItineraryFields
    }
  }
`);

export const PublishItineraryDocument = graphql(`
  mutation PublishItinerary($id: ID!) {
    publishItinerary(id: $id) {
      ...ItineraryFields
    }
  }
`);
