package server

// incentivesRoutes are the incentives package's endpoints.
var incentivesRoutes []route
