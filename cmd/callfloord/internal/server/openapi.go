package server

// openapiRoutes serve the API's OpenAPI description.
var openapiRoutes []route
