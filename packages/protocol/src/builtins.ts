import { PROTOCOL_FORMAT, parseProtocol, type Protocol, type ProtocolInput } from './definition.ts';

/**
 * The built-in protocols, from the NZ Mentoring Centre's "The Power of Peer Mentoring"
 * (seeds/002). Durations follow the source where it gives one ("2 or 3 minutes", "a few
 * minutes") and are otherwise a sensible default that the facilitator can extend.
 */
const DEVILS_ADVOCATE = [
  "I'm a bit uneasy about...",
  "I'm wondering about...",
  'It seems to me that...',
  'I have a concern that...',
];

const issueAnalysis: ProtocolInput = {
  format: PROTOCOL_FORMAT,
  id: 'issue-analysis',
  title: 'Issue Analysis',
  summary:
    'The full process: the presenter describes an incident, situation or dilemma they want to manage better; peers ask clarifying questions, then take turns to offer experiences and perspectives while the presenter listens in silence, sifts and sorts.',
  minPeers: 1,
  phases: [
    {
      id: 'presentation',
      title: 'Presentation',
      guidance: {
        facilitator: 'Invite the presenter to speak without interruption. Keep time.',
        members:
          'Presenter: describe an incident, situation or dilemma you would like to manage more effectively, including your actions, thoughts and feelings about what you did or did not do. Peers: listen without interrupting.',
      },
      speakers: 'presenter',
      durationSeconds: 300,
      cards: [],
    },
    {
      id: 'clarifying-questions',
      title: 'Clarifying questions',
      guidance: {
        facilitator: 'A few minutes. Keep it to questions: steer gently away from advice.',
        members:
          'Ask questions that fill in missing detail and help the presenter see the story from other angles. Questions, not advice.',
      },
      starters: [
        'What happened just before...?',
        'How did you feel when...?',
        'Who else was involved in...?',
      ],
      speakers: 'everyone',
      durationSeconds: 300,
      cards: ['question'],
      discouragesAdvice: true,
    },
    {
      id: 'peer-feedback',
      title: 'Peer feedback',
      guidance: {
        facilitator:
          'Peers take turns. Keep each turn to its time and make sure nobody takes all of it. The presenter listens in silence.',
        members:
          "In your turn: tell a similar experience of your own, warts and all; name one thing that was effective and one question mark; point out wider context; give your own response; comment on another party's actions; or offer relevant information or a practical strategy. Presenter: listen in silence, sift and sort, take what you want and leave the rest.",
      },
      starters: ['That reminds me of when I...', ...DEVILS_ADVOCATE],
      speakers: 'peers-in-turn',
      silent: 'presenter',
      turns: { rule: 'round-robin', secondsPerTurn: 120 },
      durationSeconds: 900,
      cards: ['experience', 'concern', 'context', 'information'],
      discouragesAdvice: true,
    },
    {
      id: 'positive-feedback',
      title: 'Positive feedback',
      guidance: {
        facilitator: 'A few minutes of genuine appreciation. The presenter listens in silence.',
        members:
          "Say what genuinely impressed you about the presenter's approach, actions or attitudes. Presenter: listen in silence.",
      },
      starters: ['What impressed me was...', 'I really valued the way you...'],
      speakers: 'peers',
      silent: 'presenter',
      durationSeconds: 240,
      cards: ['positive'],
    },
    {
      id: 'response',
      title: 'Response',
      guidance: {
        facilitator: 'Hand the last word to the presenter.',
        members:
          'Presenter: in light of what you heard, say what you think now: reflections, learning points, ideas for future action. Peers: listen.',
      },
      starters: ['What stands out for me now is...', 'Next time I will try...'],
      speakers: 'presenter',
      durationSeconds: 240,
      cards: ['insight', 'action'],
    },
  ],
};

const goodNewsAnalysis: ProtocolInput = {
  format: PROTOCOL_FORMAT,
  id: 'good-news-analysis',
  title: 'Good News Analysis',
  summary:
    'The presenter tells of an incident that went unusually well; the group says what contributed to the success while the presenter listens in silence; the presenter closes.',
  minPeers: 1,
  phases: [
    {
      id: 'story',
      title: 'Story',
      guidance: {
        facilitator: 'Two or three minutes, uninterrupted.',
        members:
          'Presenter: tell the story of an incident from your recent experience that went unusually well or had a positive outcome. Peers: listen without interrupting.',
      },
      speakers: 'presenter',
      durationSeconds: 180,
      cards: [],
    },
    {
      id: 'positive-feedback',
      title: 'Positive feedback',
      guidance: {
        facilitator: 'Invite everyone to respond. The presenter listens in silence.',
        members:
          'Say what you feel contributed to the success, what genuinely impressed you about their approach, actions or attitudes, or a positive response you have to the story. Presenter: listen in silence.',
      },
      starters: [
        'I think what made it work was...',
        'What impressed me was...',
        'My response to your story is...',
      ],
      speakers: 'peers',
      silent: 'presenter',
      durationSeconds: 300,
      cards: ['positive'],
    },
    {
      id: 'response',
      title: 'Response',
      guidance: {
        facilitator: 'Hand the last word to the presenter.',
        members:
          'Presenter: say what is standing out for you, any new insights or learning, or anything else to finish the conversation for now.',
      },
      starters: ['What stands out for me is...'],
      speakers: 'presenter',
      durationSeconds: 180,
      cards: ['insight', 'action'],
    },
  ],
};

const veridicalReport: ProtocolInput = {
  format: PROTOCOL_FORMAT,
  id: 'veridical-report',
  title: 'Veridical Report',
  summary:
    'For pairs or groups: the mentee shares an incident or problem; a peer mentor tells a story of their own, warts and all, while the mentee listens in silence; the mentee says what they think now.',
  roles: [{ id: 'mentor', title: 'Mentor' }],
  minPeers: 1,
  phases: [
    {
      id: 'incident',
      title: 'Incident',
      guidance: {
        facilitator: 'The mentee (presenter) speaks; everyone else listens.',
        members: 'Mentee: tell an incident or share a problem. Others: listen.',
      },
      speakers: 'presenter',
      durationSeconds: 300,
      cards: [],
    },
    {
      id: 'mentor-story',
      title: "Mentor's story",
      guidance: {
        facilitator: 'Only the mentor speaks. The mentee listens in silence.',
        members:
          'Mentor: tell a story from your own experience of a time you too had to deal with something like this: what you did, what you did not do, how you felt, warts and all. Mentee: listen in silence.',
      },
      starters: ['That reminds me of when I...', 'What I did was...', 'What I did not do was...'],
      speakers: { role: 'mentor' },
      silent: 'presenter',
      durationSeconds: 420,
      cards: ['experience'],
      discouragesAdvice: true,
    },
    {
      id: 'reflection',
      title: 'Reflection',
      guidance: {
        facilitator: 'Hand the last word to the mentee.',
        members: 'Mentee: say what you are thinking now about your own incident or problem.',
      },
      starters: ['What I am thinking now is...'],
      speakers: 'presenter',
      durationSeconds: 240,
      cards: ['insight', 'action'],
    },
  ],
};

function mustParse(input: ProtocolInput): Protocol {
  const parsed = parseProtocol(input);
  // A built-in that fails its own schema is a bug in this file, not a runtime condition.
  if (!parsed.ok)
    throw new Error(`built-in protocol ${input.id} is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.protocol;
}

export const BUILT_IN_PROTOCOLS: readonly Protocol[] = [
  issueAnalysis,
  goodNewsAnalysis,
  veridicalReport,
].map(mustParse);

export function findBuiltInProtocol(id: string): Protocol | undefined {
  return BUILT_IN_PROTOCOLS.find((p) => p.id === id);
}
