export interface Config {
  kmop?: {
    /** Settings of the KMOP entity tab and cards. */
    ui?: {
      /**
       * Seconds between refreshes of an open KMOP tab or card. The refresh keeps
       * expanded rows and open drawers as they are. 0 turns refreshing off. Default 10.
       * @visibility frontend
       */
      refreshIntervalSeconds?: number;
      /**
       * Where the empty state's "Create a service" button leads: the golden-path
       * template. Default `/create/templates/default/kmop-microservice`.
       * @visibility frontend
       */
      goldenPathUrl?: string;
    };
  };
}
